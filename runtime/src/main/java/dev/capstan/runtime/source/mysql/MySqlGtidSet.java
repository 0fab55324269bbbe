package dev.capstan.runtime.source.mysql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A MySQL GTID set, as {@code @@gtid_executed} prints it and {@code BinaryLogClient.setGtidSet(String)}
 * accepts it: comma-separated {@code uuid:interval[:interval...]} entries, an interval being a
 * transaction id ({@code 7}) or an inclusive range ({@code 1-5}), for example
 * {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9,4a1b2c3d-0000-0000-0000-000000000001:1-3}.
 * The empty string is the empty set.
 *
 * <p>Always normalized: UUIDs lower-case and sorted, intervals sorted, overlapping and adjacent
 * intervals merged, so {@link #equals} and {@link #format} depend only on the transactions the
 * set holds. Transaction ids run from 1 to 2^63 - 2, as in MySQL.
 *
 * <p>Tagged GTIDs of MySQL 8.3+ ({@code uuid:tag:1-5}) are rejected with a clear message:
 * mysql-binlog-connector-java 0.30.1 cannot resume from them either.
 *
 * <p>Immutable and thread-safe; {@link #add} returns a new set.
 */
public final class MySqlGtidSet {

    /** The set with no transactions, written as the empty string. */
    public static final MySqlGtidSet EMPTY = new MySqlGtidSet(new TreeMap<>());

    /** The largest transaction id MySQL hands out: 2^63 - 2. */
    public static final long MAX_TRANSACTION_ID = Long.MAX_VALUE - 1;

    private static final Pattern UUID = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INTERVAL = Pattern.compile("\\d+(-\\d+)?");
    private static final String EXPECTED = "expected uuid:interval[:interval...][,uuid:...], for example "
            + "'3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9', or the empty string";

    /** An inclusive range of transaction ids. */
    private record Range(long first, long last) {
    }

    private final SortedMap<String, List<Range>> ranges;

    private MySqlGtidSet(SortedMap<String, List<Range>> ranges) {
        this.ranges = Collections.unmodifiableSortedMap(ranges);
    }

    /**
     * Parses a GTID set. Whitespace around entries and intervals is ignored (MySQL prints
     * {@code ",\n"} between UUIDs); a UUID may appear more than once; intervals may overlap.
     *
     * @throws IllegalArgumentException if {@code text} is not a GTID set, names a tag, or holds
     *                                  an interval outside 1 to 2^63 - 2 or ending before it starts;
     *                                  the message quotes the bad part and {@code text}
     */
    public static MySqlGtidSet parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a MySQL GTID set (" + EXPECTED + "): null");
        }
        if (text.isBlank()) {
            return EMPTY;
        }
        Map<String, List<Range>> collected = new TreeMap<>();
        for (String entry : text.split(",", -1)) {
            String[] parts = entry.split(":", -1);
            String uuid = parts[0].strip();
            if (!UUID.matcher(uuid).matches()) {
                throw error(text, "bad UUID '" + uuid + "'");
            }
            if (parts.length < 2) {
                throw error(text, "UUID '" + uuid + "' has no transaction interval");
            }
            List<Range> list = collected.computeIfAbsent(uuid.toLowerCase(Locale.ROOT), u -> new ArrayList<>());
            for (int i = 1; i < parts.length; i++) {
                list.add(parseRange(text, parts[i].strip()));
            }
        }
        SortedMap<String, List<Range>> normalized = new TreeMap<>();
        collected.forEach((uuid, list) -> normalized.put(uuid, merge(list)));
        return new MySqlGtidSet(normalized);
    }

    private static Range parseRange(String text, String interval) {
        if (TAG.matcher(interval).matches()) {
            throw new IllegalArgumentException("tagged GTIDs (MySQL 8.3+, 'uuid:tag:1-5') are not supported: tag '"
                    + interval + "' in '" + text + "'; use untagged GTIDs (" + EXPECTED + ")");
        }
        if (!INTERVAL.matcher(interval).matches()) {
            throw error(text, "bad interval '" + interval
                    + "' (expected a transaction id such as 7 or a range such as 1-5)");
        }
        int dash = interval.indexOf('-');
        long first = parseId(text, dash < 0 ? interval : interval.substring(0, dash));
        long last = dash < 0 ? first : parseId(text, interval.substring(dash + 1));
        if (last < first) {
            throw error(text, "interval '" + interval + "' ends before it starts");
        }
        return new Range(first, last);
    }

    private static long parseId(String text, String digits) {
        long id;
        try {
            id = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 1 || id > MAX_TRANSACTION_ID) {
            throw error(text, "transaction id " + digits + " is outside 1 to " + MAX_TRANSACTION_ID);
        }
        return id;
    }

    private static IllegalArgumentException error(String text, String detail) {
        return new IllegalArgumentException("not a MySQL GTID set: " + detail + " in '" + text + "' ("
                + EXPECTED + ")");
    }

    /** Sorts the ranges and merges overlapping and adjacent ones. */
    private static List<Range> merge(List<Range> list) {
        List<Range> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new Range(last.first(), Math.max(last.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        return List.copyOf(merged);
    }

    /**
     * A new set that also holds transaction {@code transactionId} of {@code uuid}, merged into
     * adjacent intervals; this set if it already holds it.
     *
     * @throws IllegalArgumentException if {@code uuid} is not a UUID or the id is outside 1 to 2^63 - 2
     */
    public MySqlGtidSet add(String uuid, long transactionId) {
        String key = checkUuid(uuid);
        if (transactionId < 1 || transactionId > MAX_TRANSACTION_ID) {
            throw new IllegalArgumentException("MySQL transaction id " + transactionId + " for UUID '" + uuid
                    + "' is outside 1 to " + MAX_TRANSACTION_ID);
        }
        if (contains(key, transactionId)) {
            return this;
        }
        SortedMap<String, List<Range>> copy = new TreeMap<>(ranges);
        List<Range> list = new ArrayList<>(copy.getOrDefault(key, List.of()));
        list.add(new Range(transactionId, transactionId));
        copy.put(key, merge(list));
        return new MySqlGtidSet(copy);
    }

    /**
     * Whether the set holds transaction {@code transactionId} of {@code uuid} (UUID in either case).
     *
     * @throws IllegalArgumentException if {@code uuid} is not a UUID
     */
    public boolean contains(String uuid, long transactionId) {
        List<Range> list = ranges.get(checkUuid(uuid));
        return list != null && list.stream().anyMatch(r -> r.first() <= transactionId && transactionId <= r.last());
    }

    /** Whether every transaction of this set is also in {@code other}. */
    public boolean isSubsetOf(MySqlGtidSet other) {
        for (Map.Entry<String, List<Range>> entry : ranges.entrySet()) {
            List<Range> theirs = other.ranges.get(entry.getKey());
            if (theirs == null) {
                return false;
            }
            for (Range mine : entry.getValue()) {
                if (theirs.stream().noneMatch(r -> r.first() <= mine.first() && mine.last() <= r.last())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The server UUIDs of the set, lower-case and sorted. */
    public Set<String> uuids() {
        return ranges.keySet();
    }

    /** Whether the set holds no transactions. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The normalized text form: lower-case sorted UUIDs, merged sorted intervals, single
     * transactions without a range, no whitespace, for example
     * {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,4a1b2c3d-0000-0000-0000-000000000001:1-3}.
     */
    public String format() {
        return ranges.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().stream()
                        .map(r -> r.first() == r.last() ? Long.toString(r.first()) : r.first() + "-" + r.last())
                        .collect(Collectors.joining(":")))
                .collect(Collectors.joining(","));
    }

    private static String checkUuid(String uuid) {
        if (uuid == null || !UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("not a server UUID (expected 8-4-4-4-12 hex digits, for example "
                    + "3e11fa47-71ca-11e1-9e33-c80aa9429562): '" + uuid + "'");
        }
        return uuid.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MySqlGtidSet other && other.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** Same as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }
}
