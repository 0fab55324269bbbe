package dev.capstan.runtime.source.mysql;

import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.DeleteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDeserializer.CompatibilityMode;
import com.github.shyiko.mysql.binlog.event.deserialization.EventHeaderV4Deserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.NullEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.TableMapEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.UpdateRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.event.deserialization.WriteRowsEventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binlog {@link EventDeserializer} whose row values {@link BinlogValueConverter} converts.
 *
 * <p>Compatibility modes: {@code CHAR_AND_BINARY_AS_BYTE_ARRAY} (CHAR and VARCHAR as bytes, decoded later with the
 * column's character set instead of the platform's), {@code DATE_AND_TIME_AS_LONG_MICRO} (temporal values as
 * microseconds, no {@code java.util.Date} and so no JVM time zone) and {@code INVALID_DATE_AND_TIME_AS_MIN_VALUE}
 * (zero dates as {@code Long.MIN_VALUE}). On top, its row deserializers read DATE, TIME and DATETIME themselves
 * ({@link BinlogTemporals}): the connector loses the sign of negative TIME values and uses the Julian calendar
 * before 1582.
 *
 * <p>Row values per column type: integers as {@code Integer}/{@code Long} as signed (UNSIGNED is applied by the
 * converter), DECIMAL as {@code BigDecimal}, FLOAT/DOUBLE as {@code Float}/{@code Double}, BIT as
 * {@code BitSet}, character and binary types, GEOMETRY and JSON as {@code byte[]}, DATE, TIME, DATETIME and
 * TIMESTAMP as {@code Long} microseconds, YEAR as {@code Integer}, ENUM as the 1-based {@code Integer} index,
 * SET as a {@code Long} bitmask.
 *
 * <p>Transactions compressed by MySQL's {@code binlog_transaction_compression} are decoded by the connector with
 * its defaults, not with these settings; keep that option off.
 */
public final class BinlogDeserializers {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogDeserializers.class);

    private BinlogDeserializers() {
    }

    /**
     * A new deserializer for one {@code BinaryLogClient}; not thread-safe, like the connector's own. Warns when the
     * JVM's default charset is not UTF-8: the connector decodes database, table, column, ENUM and SET names with it.
     */
    public static EventDeserializer create() {
        if (!StandardCharsets.UTF_8.equals(Charset.defaultCharset())) {
            LOG.warn("the JVM's default charset is {}, not UTF-8: non-ASCII table, column, ENUM and SET names in the"
                    + " binlog will be garbled; start the JVM with -Dfile.encoding=UTF-8", Charset.defaultCharset());
        }
        Map<Long, TableMapEventData> tableMaps = new HashMap<>();
        EventDeserializer defaults = new EventDeserializer();
        Map<EventType, EventDataDeserializer> byType = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            byType.put(type, defaults.getEventDataDeserializer(type));
        }
        byType.put(EventType.TABLE_MAP, new TableMapEventDataDeserializer());
        byType.put(EventType.WRITE_ROWS, new WriteRows(tableMaps));
        byType.put(EventType.EXT_WRITE_ROWS, new WriteRows(tableMaps).setMayContainExtraInformation(true));
        byType.put(EventType.UPDATE_ROWS, new UpdateRows(tableMaps));
        byType.put(EventType.EXT_UPDATE_ROWS, new UpdateRows(tableMaps).setMayContainExtraInformation(true));
        byType.put(EventType.DELETE_ROWS, new DeleteRows(tableMaps));
        byType.put(EventType.EXT_DELETE_ROWS, new DeleteRows(tableMaps).setMayContainExtraInformation(true));
        EventDeserializer deserializer = new EventDeserializer(new EventHeaderV4Deserializer(),
                new NullEventDataDeserializer(), byType, tableMaps);
        deserializer.setCompatibilityMode(CompatibilityMode.CHAR_AND_BINARY_AS_BYTE_ARRAY,
                CompatibilityMode.DATE_AND_TIME_AS_LONG_MICRO, CompatibilityMode.INVALID_DATE_AND_TIME_AS_MIN_VALUE);
        return deserializer;
    }

    private static final class WriteRows extends WriteRowsEventDataDeserializer {
        WriteRows(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.datetime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.datetimeV2(meta, in);
        }
    }

    private static final class UpdateRows extends UpdateRowsEventDataDeserializer {
        UpdateRows(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.datetime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.datetimeV2(meta, in);
        }
    }

    private static final class DeleteRows extends DeleteRowsEventDataDeserializer {
        DeleteRows(Map<Long, TableMapEventData> tableMaps) {
            super(tableMaps);
        }

        @Override
        protected Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.date(in);
        }

        @Override
        protected Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.time(in);
        }

        @Override
        protected Serializable deserializeTimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.timeV2(meta, in);
        }

        @Override
        protected Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.datetime(in);
        }

        @Override
        protected Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in) throws IOException {
            return BinlogTemporals.datetimeV2(meta, in);
        }
    }
}
