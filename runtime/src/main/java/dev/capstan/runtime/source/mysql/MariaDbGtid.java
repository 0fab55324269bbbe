package dev.capstan.runtime.source.mysql;

/**
 * One MariaDB global transaction id, written {@code domain-server-sequence}, for example
 * {@code 0-1-123}: replication domain 0, originating server 1, 123rd transaction of the domain.
 *
 * <p>The domain and the server id are unsigned 32-bit numbers (0 to 4294967295), held in a
 * {@code long}; the sequence number is an unsigned 64-bit number, held in a {@code long} and
 * compared and printed as unsigned.
 *
 * <p>Immutable and thread-safe.
 *
 * @param domain   the replication domain ({@code gtid_domain_id}), 0 to 4294967295
 * @param serverId the server that wrote the transaction, 0 to 4294967295
 * @param sequence the sequence number within the domain, unsigned 64-bit
 */
public record MariaDbGtid(long domain, long serverId, long sequence) {

    /** The largest domain and server id: 2^32 - 1. */
    public static final long MAX_UNSIGNED_INT = 0xFFFF_FFFFL;

    private static final String EXPECTED = "expected domain-server-sequence, for example 0-1-123";

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException if the domain or server id is outside 0 to 4294967295
     */
    public MariaDbGtid {
        if (domain < 0 || domain > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("MariaDB GTID domain " + domain + " is out of range 0 to "
                    + MAX_UNSIGNED_INT);
        }
        if (serverId < 0 || serverId > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("MariaDB GTID server id " + serverId + " is out of range 0 to "
                    + MAX_UNSIGNED_INT);
        }
    }

    /**
     * Parses {@code domain-server-sequence}: three unsigned decimal numbers, no signs and no
     * surrounding whitespace.
     *
     * @throws IllegalArgumentException if {@code text} is not a MariaDB GTID; the message quotes it
     */
    public static MariaDbGtid parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("not a MariaDB GTID (" + EXPECTED + "): null");
        }
        String[] parts = text.split("-", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a MariaDB GTID (" + EXPECTED + "): '" + text + "'");
        }
        long domain = parseUnsigned(text, parts[0], "domain");
        long serverId = parseUnsigned(text, parts[1], "server id");
        long sequence = parseUnsigned(text, parts[2], "sequence");
        if (Long.compareUnsigned(domain, MAX_UNSIGNED_INT) > 0) {
            throw outOfRange(text, "domain", "0 to " + MAX_UNSIGNED_INT);
        }
        if (Long.compareUnsigned(serverId, MAX_UNSIGNED_INT) > 0) {
            throw outOfRange(text, "server id", "0 to " + MAX_UNSIGNED_INT);
        }
        return new MariaDbGtid(domain, serverId, sequence);
    }

    private static long parseUnsigned(String text, String part, String name) {
        if (part.isEmpty() || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not a MariaDB GTID (" + EXPECTED + "; the " + name
                    + " must be an unsigned decimal number): '" + text + "'");
        }
        try {
            return Long.parseUnsignedLong(part);
        } catch (NumberFormatException e) {
            throw outOfRange(text, name, "0 to " + Long.toUnsignedString(-1L));
        }
    }

    private static IllegalArgumentException outOfRange(String text, String name, String range) {
        return new IllegalArgumentException("not a MariaDB GTID (" + EXPECTED + "; the " + name
                + " must be " + range + "): '" + text + "'");
    }

    /** Whether this GTID's sequence is at or before {@code other}'s (unsigned); ignores domain and server. */
    public boolean sequenceAtOrBefore(MariaDbGtid other) {
        return Long.compareUnsigned(sequence, other.sequence) <= 0;
    }

    /** The MariaDB text form, for example {@code 0-1-123}. */
    @Override
    public String toString() {
        return domain + "-" + serverId + "-" + Long.toUnsignedString(sequence);
    }
}
