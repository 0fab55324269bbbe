package dev.capstan.runtime.source.mysql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.offsets.OffsetStore;

/**
 * The schema-change events of {@code <prefix>.schema-changes}: key {@code {"databaseName"}}, value with the
 * source block, the DDL text and the tables it changed, in the shape of Debezium's schema change topic.
 */
final class SchemaChangeWriter {

    private final ObjectMapper json = OffsetStore.json();
    private final String serverName;

    SchemaChangeWriter(String serverName) {
        this.serverName = serverName;
    }

    ObjectNode source(String database, EventHeaderV4 header, String file, long pos, Object gtid) {
        ObjectNode source = json.createObjectNode();
        source.put("connector", "mysql");
        source.put("name", serverName);
        source.put("db", database);
        source.put("ts_ms", header.getTimestamp());
        source.put("file", file);
        source.put("pos", pos);
        source.put("gtid", gtid == null ? null : gtid.toString());
        source.put("server_id", header.getServerId());
        return source;
    }

    byte[] key(String database) {
        ObjectNode key = json.createObjectNode();
        key.put("databaseName", database);
        return bytes(key);
    }

    byte[] value(ObjectNode source, String database, String ddl, DdlStatement statement, long tsMs) {
        ObjectNode value = json.createObjectNode();
        value.set("source", source);
        value.put("ts_ms", tsMs);
        value.put("databaseName", database);
        value.put("ddl", ddl);
        ArrayNode changes = value.putArray("tableChanges");
        for (TableId table : statement.tables()) {
            ObjectNode change = changes.addObject();
            change.put("type", statement.kind());
            change.put("id", table.toString());
        }
        value.put("serverName", serverName);
        return bytes(value);
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a schema change event", e);
        }
    }
}
