package dev.capstan.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry's REST routes: method plus path pattern ({@code *} is one path segment, handed to the handler) to
 * handler. An unknown path answers 404, a known path with another method 405. Thread-safe once built.
 */
final class Routes {

    /** Serves one request; {@code params} are the segments matched by the pattern's {@code *}s. */
    @FunctionalInterface
    interface Handler {
        Reply handle(HttpCall call, List<String> params);
    }

    private record Route(String method, List<String> pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Routes(SchemaStore store) {
        SchemaRoutes schemas = new SchemaRoutes(store);
        ConfigRoutes config = new ConfigRoutes(store);
        add("GET", "", (call, params) -> Reply.of(RegistryJson.object()));
        add("GET", "subjects", schemas::subjects);
        add("POST", "subjects/*", schemas::lookup);
        add("GET", "subjects/*/versions", schemas::versions);
        add("POST", "subjects/*/versions", schemas::register);
        add("GET", "subjects/*/versions/*", schemas::version);
        add("GET", "subjects/*/versions/*/schema", schemas::rawSchema);
        add("GET", "schemas/types", schemas::types);
        add("GET", "schemas/ids/*", schemas::byId);
        add("GET", "schemas/ids/*/versions", schemas::idVersions);
        add("POST", "compatibility/subjects/*/versions", config::checkAll);
        add("POST", "compatibility/subjects/*/versions/*", config::checkVersion);
        add("GET", "config", config::global);
        add("PUT", "config", config::setGlobal);
        add("DELETE", "config", config::resetGlobal);
        add("GET", "config/*", config::subject);
        add("PUT", "config/*", config::setSubject);
        add("DELETE", "config/*", config::deleteSubject);
    }

    /** @throws ErrorResponse from the handler, or 404 / 405 when no route fits */
    Reply dispatch(HttpCall call) {
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = match(route.pattern(), call.path());
            if (params != null) {
                if (route.method().equals(call.method())) {
                    return route.handler().handle(call, params);
                }
                pathKnown = true;
            }
        }
        String target = call.method() + " /" + String.join("/", call.path());
        throw pathKnown ? new ErrorResponse(405, 405, "Method not allowed: " + target)
                : new ErrorResponse(404, 404, "Not found: " + target);
    }

    private void add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, pattern.isEmpty() ? List.of() : List.of(pattern.split("/")), handler));
    }

    private static List<String> match(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return null;
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            if (pattern.get(i).equals("*")) {
                params.add(path.get(i));
            } else if (!pattern.get(i).equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }
}
