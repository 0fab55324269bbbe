package dev.capstan.runtime.source.mysql;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads DATE, TIME and DATETIME cells of binlog row events into microseconds ({@link MySqlDateTimes}), replacing
 * the binlog connector's own reading, which turns negative TIME values into garbage and computes dates before
 * 1582-10-15 on the Julian calendar. Formats as in MySQL's {@code my_time.cc}: the 5.6.4+ formats
 * ({@code TIME2}, {@code DATETIME2}) and the older ones. TIMESTAMP needs no fix: the connector's
 * microseconds since the epoch are exact. Stateless.
 */
final class BinlogTemporals {

    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;
    private static final long DATETIMEF_INT_OFS = 0x8000000000L;

    private BinlogTemporals() {
    }

    /** DATE: 3 bytes little-endian, {@code year << 9 | month << 5 | day}. */
    static Long date(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(3);
        return MySqlDateTimes.epochMicros(value >>> 9, (value >> 5) & 15, value & 31, 0);
    }

    /** Old TIME: 3 bytes little-endian, signed {@code ±(hh * 10000 + mm * 100 + ss)}. */
    static Long time(ByteArrayInputStream in) throws IOException {
        int value = (in.readInteger(3) << 8) >> 8;
        int abs = Math.abs(value);
        long micros = MySqlDateTimes.microsOfDay(abs / 10000, abs / 100 % 100, abs % 100, 0);
        return value < 0 ? -micros : micros;
    }

    /** TIME2: 3 bytes big-endian offset {@code hour << 12 | minute << 6 | second}, then the fraction, signed. */
    static Long timeV2(int fsp, ByteArrayInputStream in) throws IOException {
        long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
        long packed;
        switch (fsp) {
            case 1, 2 -> {
                long fraction = bigEndian(in.read(1));
                if (intPart < 0 && fraction != 0) {
                    intPart++;
                    fraction -= 0x100;
                }
                packed = (intPart << 24) + fraction * 10_000;
            }
            case 3, 4 -> {
                long fraction = bigEndian(in.read(2));
                if (intPart < 0 && fraction != 0) {
                    intPart++;
                    fraction -= 0x10000;
                }
                packed = (intPart << 24) + fraction * 100;
            }
            case 5, 6 -> packed = ((intPart + TIMEF_INT_OFS) << 24 | bigEndian(in.read(3))) - TIMEF_OFS;
            default -> packed = intPart << 24;
        }
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        long micros = MySqlDateTimes.microsOfDay((int) (hms >> 12) & 0x3FF, (int) (hms >> 6) & 0x3F, (int) hms & 0x3F,
                abs & 0xFFFFFF);
        return packed < 0 ? -micros : micros;
    }

    /** Old DATETIME: 8 bytes little-endian, {@code YYYYMMDDhhmmss} as a decimal number. */
    static Long datetime(ByteArrayInputStream in) throws IOException {
        long value = in.readLong(8);
        long date = value / 1_000_000;
        long clock = value % 1_000_000;
        return MySqlDateTimes.epochMicros((int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100),
                MySqlDateTimes.microsOfDay((int) (clock / 10000), (int) (clock / 100 % 100), (int) (clock % 100), 0));
    }

    /**
     * DATETIME2: 5 bytes big-endian offset {@code (year * 13 + month) << 22 | day << 17 | hour << 12 | minute << 6
     * | second}, then the fraction.
     */
    static Long datetimeV2(int fsp, ByteArrayInputStream in) throws IOException {
        long packed = bigEndian(in.read(5)) - DATETIMEF_INT_OFS;
        long fraction = fsp <= 0 ? 0 : bigEndian(in.read((fsp + 1) / 2)) * (fsp <= 2 ? 10_000 : fsp <= 4 ? 100 : 1);
        long yearMonth = packed >> 22;
        long clock = MySqlDateTimes.microsOfDay((int) (packed >> 12) & 0x1F, (int) (packed >> 6) & 0x3F,
                (int) packed & 0x3F, fraction);
        return MySqlDateTimes.epochMicros((int) (yearMonth / 13), (int) (yearMonth % 13), (int) (packed >> 17) & 0x1F,
                clock);
    }

    private static long bigEndian(byte[] bytes) {
        long value = 0;
        for (byte b : bytes) {
            value = value << 8 | (b & 0xFF);
        }
        return value;
    }
}
