package dev.capstan.runtime.source.mysql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A MariaDB GTID position: at most one GTID per replication domain, the last transaction
 * applied in that domain. This is what {@code @@gtid_binlog_pos} and {@code @@gtid_current_pos}
 * print and what {@code BinaryLogClient.setGtidSet(String)} accepts for MariaDB, for example
 * {@code 0-1-100,1-2-50}. The empty string is the empty position.
 *
 * <p>Immutable and thread-safe; {@link #with} returns a new position.
 */
public final class MariaDbGtidPosition {

    /** The position with no domains, written as the empty string. */
    public static final MariaDbGtidPosition EMPTY = new MariaDbGtidPosition(new TreeMap<>());

    private static final String EXPECTED = "expected comma-separated domain-server-sequence GTIDs, "
            + "at most one per domain, for example 0-1-100,1-2-50, or the empty string";

    private final SortedMap<Long, MariaDbGtid> byDomain;

    private MariaDbGtidPosition(SortedMap<Long, MariaDbGtid> byDomain) {
        this.byDomain = Collections.unmodifiableSortedMap(byDomain);
    }

    /**
     * Parses a comma-separated list of GTIDs; whitespace around each GTID is ignored, and an
     * empty or blank string is {@link #EMPTY}.
     *
     * @throws IllegalArgumentException if an element is not a GTID or two GTIDs share a domain;
     *                                  the message quotes {@code text}
     */
    public static MariaDbGtidPosition parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a MariaDB GTID position (" + EXPECTED + "): null");
        }
        if (text.isBlank()) {
            return EMPTY;
        }
        List<MariaDbGtid> gtids = new ArrayList<>();
        for (String element : text.split(",", -1)) {
            try {
                gtids.add(MariaDbGtid.parse(element.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a MariaDB GTID position (for example 0-1-100,1-2-50): '"
                        + text + "': " + e.getMessage(), e);
            }
        }
        try {
            return of(gtids);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a MariaDB GTID position (" + EXPECTED + "): '" + text
                    + "': " + e.getMessage(), e);
        }
    }

    /**
     * The position holding these GTIDs.
     *
     * @throws IllegalArgumentException if two GTIDs share a domain
     */
    public static MariaDbGtidPosition of(Collection<MariaDbGtid> gtids) {
        SortedMap<Long, MariaDbGtid> map = new TreeMap<>();
        for (MariaDbGtid gtid : gtids) {
            MariaDbGtid previous = map.put(gtid.domain(), gtid);
            if (previous != null) {
                throw new IllegalArgumentException("GTIDs " + previous + " and " + gtid + " share domain "
                        + gtid.domain() + "; a position holds at most one GTID per domain");
            }
        }
        return map.isEmpty() ? EMPTY : new MariaDbGtidPosition(map);
    }

    /** Same as {@link #of(Collection)}. */
    public static MariaDbGtidPosition of(MariaDbGtid... gtids) {
        return of(List.of(gtids));
    }

    /** A new position where {@code gtid} replaces the GTID of its domain (or adds the domain). */
    public MariaDbGtidPosition with(MariaDbGtid gtid) {
        if (gtid.equals(byDomain.get(gtid.domain()))) {
            return this;
        }
        SortedMap<Long, MariaDbGtid> map = new TreeMap<>(byDomain);
        map.put(gtid.domain(), gtid);
        return new MariaDbGtidPosition(map);
    }

    /**
     * Whether {@code gtid} is at or before this position: its domain is present and its
     * sequence is at most this position's sequence for that domain. The server id is ignored.
     */
    public boolean contains(MariaDbGtid gtid) {
        MariaDbGtid mine = byDomain.get(gtid.domain());
        return mine != null && gtid.sequenceAtOrBefore(mine);
    }

    /** Whether every domain of {@code other} is present here with a sequence at least as high. */
    public boolean isAtOrAfter(MariaDbGtidPosition other) {
        return other.byDomain.values().stream().allMatch(this::contains);
    }

    /** The GTID of {@code domain}, if the position has one. */
    public Optional<MariaDbGtid> gtid(long domain) {
        return Optional.ofNullable(byDomain.get(domain));
    }

    /** The GTIDs, sorted by domain. */
    public List<MariaDbGtid> gtids() {
        return List.copyOf(byDomain.values());
    }

    /** Whether the position has no domains. */
    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    /** The MariaDB text form, sorted by domain, for example {@code 0-1-100,1-2-50}; empty for {@link #EMPTY}. */
    public String format() {
        return byDomain.values().stream().map(MariaDbGtid::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MariaDbGtidPosition other && other.byDomain.equals(byDomain);
    }

    @Override
    public int hashCode() {
        return byDomain.hashCode();
    }

    /** Same as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }
}
