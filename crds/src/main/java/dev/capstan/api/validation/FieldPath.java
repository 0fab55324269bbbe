package dev.capstan.api.validation;

/** Field paths as kubectl prints them: {@code spec.source.tables[0].name}, map keys with dots in brackets. */
final class FieldPath {

    private FieldPath() {
    }

    static String child(String parent, String name) {
        if (name.contains(".") || name.isEmpty()) {
            return parent + "[" + name + "]";
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** A message for a field, {@code "<path>: <text>"}; the whole document is {@code <root>}. */
    static String message(String path, String text) {
        return (path.isEmpty() ? "<root>" : path) + ": " + text;
    }
}
