package dev.capstan.runtime.source.mysql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a MySQL or MariaDB stream resumes: stored once Kafka acknowledged every event of a
 * transaction. It always holds the binlog file position just after that transaction, and,
 * when the server uses GTIDs, either the MariaDB GTID position or the MySQL GTID set that
 * includes it. The source's {@code server_id} is kept for status and logs.
 *
 * <p>Stored as JSON, for example
 * {@code {"file":"mariadb-bin.000002","pos":1234,"mariadbGtids":"0-1-57","serverId":1}} or
 * {@code {"file":"mysql-bin.000003","pos":154,"mysqlGtids":"3e11fa47-...:1-57","serverId":1}}.
 * A present but empty GTID field means "GTID mode, no transaction yet". When reading,
 * {@code serverId} is optional (0, unknown) and unknown fields are ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class BinlogOffset {

    static final String FILE = "file";
    static final String POS = "pos";
    static final String MARIADB_GTIDS = "mariadbGtids";
    static final String MYSQL_GTIDS = "mysqlGtids";
    static final String SERVER_ID = "serverId";

    private static final String EXPECTED = "expected an object like {\"file\":\"mysql-bin.000003\",\"pos\":154,"
            + "\"mysqlGtids\":\"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-57\",\"serverId\":1} or with "
            + "\"mariadbGtids\":\"0-1-57\" or neither";

    private final BinlogFilePosition filePosition;
    private final MariaDbGtidPosition mariaDbGtids;
    private final MySqlGtidSet mySqlGtids;
    private final long serverId;

    private BinlogOffset(BinlogFilePosition filePosition, MariaDbGtidPosition mariaDbGtids,
                         MySqlGtidSet mySqlGtids, long serverId) {
        this.filePosition = Objects.requireNonNull(filePosition, "filePosition");
        if (serverId < 0 || serverId > MariaDbGtid.MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("server id " + serverId + " is out of range 0 to "
                    + MariaDbGtid.MAX_UNSIGNED_INT);
        }
        this.mariaDbGtids = mariaDbGtids;
        this.mySqlGtids = mySqlGtids;
        this.serverId = serverId;
    }

    /** An offset without GTIDs (the server does not use them). {@code serverId} 0 means unknown. */
    public static BinlogOffset of(BinlogFilePosition filePosition, long serverId) {
        return new BinlogOffset(filePosition, null, null, serverId);
    }

    /** An offset of a MariaDB server with its GTID position. */
    public static BinlogOffset mariaDb(BinlogFilePosition filePosition, MariaDbGtidPosition gtids, long serverId) {
        return new BinlogOffset(filePosition, Objects.requireNonNull(gtids, "gtids"), null, serverId);
    }

    /** An offset of a MySQL server with its executed GTID set. */
    public static BinlogOffset mySql(BinlogFilePosition filePosition, MySqlGtidSet gtids, long serverId) {
        return new BinlogOffset(filePosition, null, Objects.requireNonNull(gtids, "gtids"), serverId);
    }

    /** The file position just after the last acknowledged transaction: where to resume without GTIDs. */
    public BinlogFilePosition filePosition() {
        return filePosition;
    }

    /** The MariaDB GTID position, if the source is a MariaDB server in GTID mode. */
    public Optional<MariaDbGtidPosition> mariaDbGtids() {
        return Optional.ofNullable(mariaDbGtids);
    }

    /** The MySQL GTID set, if the source is a MySQL server in GTID mode. */
    public Optional<MySqlGtidSet> mySqlGtids() {
        return Optional.ofNullable(mySqlGtids);
    }

    /** The GTID text for {@code BinaryLogClient.setGtidSet(String)}, whichever flavour is present. */
    public Optional<String> gtidText() {
        if (mariaDbGtids != null) {
            return Optional.of(mariaDbGtids.format());
        }
        return mySqlGtids().map(MySqlGtidSet::format);
    }

    /** The source's {@code server_id}, for display; 0 when unknown. */
    public long serverId() {
        return serverId;
    }

    /** The stored JSON form: {@code file}, {@code pos}, at most one GTID field, {@code serverId}. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(FILE, filePosition.file());
        node.put(POS, filePosition.position());
        if (mariaDbGtids != null) {
            node.put(MARIADB_GTIDS, mariaDbGtids.format());
        }
        if (mySqlGtids != null) {
            node.put(MYSQL_GTIDS, mySqlGtids.format());
        }
        node.put(SERVER_ID, serverId);
        return node;
    }

    /**
     * Reads the form {@link #toJson()} writes.
     *
     * @throws IllegalArgumentException if {@code json} is not a valid stored offset; the message
     *                                  names the bad field, quotes the stored value and shows a valid one
     */
    public static BinlogOffset fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw malformed(json, "not a JSON object");
        }
        JsonNode file = json.get(FILE);
        if (file == null || !file.isTextual()) {
            throw malformed(json, "'" + FILE + "' must be a string");
        }
        long pos = integral(json, POS, true);
        long serverId = json.has(SERVER_ID) ? integral(json, SERVER_ID, false) : 0L;
        if (json.has(MARIADB_GTIDS) && json.has(MYSQL_GTIDS)) {
            throw malformed(json, "holds both '" + MARIADB_GTIDS + "' and '" + MYSQL_GTIDS + "'");
        }
        try {
            BinlogFilePosition position = new BinlogFilePosition(file.textValue(), pos);
            if (json.has(MARIADB_GTIDS)) {
                return mariaDb(position, MariaDbGtidPosition.parse(text(json, MARIADB_GTIDS)), serverId);
            }
            if (json.has(MYSQL_GTIDS)) {
                return mySql(position, MySqlGtidSet.parse(text(json, MYSQL_GTIDS)), serverId);
            }
            return of(position, serverId);
        } catch (IllegalArgumentException e) {
            throw malformed(json, e.getMessage());
        }
    }

    private static long integral(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null && !required) {
            return 0L;
        }
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed(json, "'" + field + "' must be a whole number" + (value == null ? " but is missing" : ""));
        }
        return value.longValue();
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (!value.isTextual()) {
            throw malformed(json, "'" + field + "' must be a string");
        }
        return value.textValue();
    }

    private static IllegalArgumentException malformed(JsonNode json, String detail) {
        return new IllegalArgumentException("stored binlog offset is malformed: " + detail + "; stored value: "
                + json + " (" + EXPECTED + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinlogOffset other && other.filePosition.equals(filePosition)
                && Objects.equals(other.mariaDbGtids, mariaDbGtids) && Objects.equals(other.mySqlGtids, mySqlGtids)
                && other.serverId == serverId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(filePosition, mariaDbGtids, mySqlGtids, serverId);
    }

    /**
     * For status and logs, for example {@code mariadb-bin.000002:1234 (gtid 0-1-57) on server 1};
     * an empty GTID set shows as {@code (gtid none)}, an unknown server id is left out.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(filePosition.toString());
        gtidText().ifPresent(g -> s.append(" (gtid ").append(g.isEmpty() ? "none" : g).append(')'));
        if (serverId != 0) {
            s.append(" on server ").append(serverId);
        }
        return s.toString();
    }
}
