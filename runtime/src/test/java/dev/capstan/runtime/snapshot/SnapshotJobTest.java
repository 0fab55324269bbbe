package dev.capstan.runtime.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.capstan.runtime.event.TableId;
import dev.capstan.runtime.offsets.OffsetStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Chunk planning and the stored progress that lets a restarted snapshot skip every finished chunk. */
class SnapshotJobTest {

    private static final TableId TABLE = new TableId("public", "t");

    @Test
    void splitsInKeyOrderAndEndsWithAnOpenRange() throws Exception {
        Keys keys = new Keys(LongStream.rangeClosed(1, 1000));
        SnapshotJob job = new SnapshotJob("k", null, TABLE, 100, null);
        List<ChunkRange> ranges = drain(job, keys);
        assertThat(ranges).hasSize(11);
        assertThat(ranges.get(0)).isEqualTo(new ChunkRange(null, List.of("100")));
        assertThat(ranges.get(9)).isEqualTo(new ChunkRange(List.of("900"), List.of("1000")));
        assertThat(ranges.get(10).isLast()).isTrue();
        assertThat(job.status().getChunksTotal()).isEqualTo(11);
    }

    @Test
    void restartSkipsChunksThatFinishedOutOfOrder() throws Exception {
        Keys keys = new Keys(LongStream.rangeClosed(1, 1000));
        SnapshotJob job = new SnapshotJob("k", null, TABLE, 100, null);
        List<SnapshotJob.NumberedRange> handed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handed.add(job.next(keys));
        }
        job.chunkDone(handed.get(0).index(), 100);
        job.chunkDone(handed.get(2).index(), 100);
        job.chunkDone(handed.get(3).index(), 100);
        JsonNode progress = roundTrip(job.progress());
        assertThat(progress.get("resumeAfter").get(0).asText()).isEqualTo("100");
        assertThat(progress.get("doneAhead")).hasSize(2);
        assertThat(progress.get("chunksDone").asLong()).isEqualTo(3);

        // Rows arrive meanwhile, inside and outside the finished ranges.
        keys.add(150).add(250).add(350).add(450).add(5000);
        SnapshotJob resumed = new SnapshotJob("k", null, TABLE, 100, progress);
        List<ChunkRange> ranges = drain(resumed, keys);
        for (ChunkRange r : ranges) {
            assertThat(overlaps(r, 200, 400)).as("%s overlaps a finished chunk", r).isFalse();
            assertThat(overlaps(r, Long.MIN_VALUE, 100)).as("%s overlaps a finished chunk", r).isFalse();
        }
        List<Long> covered = new ArrayList<>();
        for (long k : keys.all()) {
            if (ranges.stream().anyMatch(r -> contains(r, k))) {
                covered.add(k);
            }
        }
        List<Long> expected = keys.all().stream().filter(k -> k > 100 && !(k > 200 && k <= 400)).toList();
        assertThat(covered).isEqualTo(expected);
        assertThat(resumed.chunksDone()).isEqualTo(3);
    }

    @Test
    void aFinishedJobStaysFinished() throws Exception {
        Keys keys = new Keys(LongStream.rangeClosed(1, 250));
        SnapshotJob job = new SnapshotJob("k", "again", TABLE, 100, null);
        List<SnapshotJob.NumberedRange> handed = new ArrayList<>();
        for (SnapshotJob.NumberedRange r = job.next(keys); r != null; r = job.next(keys)) {
            handed.add(r);
        }
        job.retry(handed.get(1).index());
        assertThat(job.next(keys)).isEqualTo(handed.get(1));
        for (SnapshotJob.NumberedRange r : handed) {
            job.chunkDone(r.index(), 1);
        }
        assertThat(job.done()).isTrue();
        JsonNode progress = roundTrip(job.progress());
        assertThat(progress.get("done").asBoolean()).isTrue();
        SnapshotJob again = new SnapshotJob("k", "again", TABLE, 100, progress);
        assertThat(again.done()).isTrue();
        assertThat(again.next(keys)).isNull();
        assertThat(again.status().getChunksDone()).isEqualTo(3);
    }

    private static List<ChunkRange> drain(SnapshotJob job, Keys keys) throws Exception {
        List<ChunkRange> ranges = new ArrayList<>();
        for (SnapshotJob.NumberedRange r = job.next(keys); r != null; r = job.next(keys)) {
            ranges.add(r.range());
        }
        return ranges;
    }

    private static JsonNode roundTrip(JsonNode node) throws Exception {
        return OffsetStore.json().readTree(OffsetStore.json().writeValueAsBytes(node));
    }

    private static boolean contains(ChunkRange r, long k) {
        return (r.after() == null || k > Long.parseLong(r.after().get(0)))
                && (r.upTo() == null || k <= Long.parseLong(r.upTo().get(0)));
    }

    /** Whether the range holds any key in (low, high]. */
    private static boolean overlaps(ChunkRange r, long low, long high) {
        long from = r.after() == null ? Long.MIN_VALUE : Long.parseLong(r.after().get(0));
        long to = r.upTo() == null ? Long.MAX_VALUE : Long.parseLong(r.upTo().get(0));
        return from < high && to > low;
    }

    /** A table of integer keys answering boundary queries as PostgreSQL would. */
    private static final class Keys implements ChunkReader {
        private final NavigableSet<Long> keys = new TreeSet<>();

        Keys(LongStream keys) {
            keys.forEach(this.keys::add);
        }

        Keys add(long key) {
            keys.add(key);
            return this;
        }

        List<Long> all() {
            return List.copyOf(keys);
        }

        @Override
        public Optional<List<String>> boundary(TableId table, List<String> after, List<String> limit, int chunkSize) {
            NavigableSet<Long> range = keys;
            if (after != null) {
                range = range.tailSet(Long.parseLong(after.get(0)), false);
            }
            if (limit != null) {
                range = range.headSet(Long.parseLong(limit.get(0)), true);
            }
            Iterator<Long> it = range.iterator();
            for (int i = 1; i < chunkSize && it.hasNext(); i++) {
                it.next();
            }
            return it.hasNext() ? Optional.of(List.of(String.valueOf(it.next()))) : Optional.empty();
        }

        @Override
        public String watermark(String content) {
            return "0/0";
        }

        @Override
        public ChunkRows read(TableId table, ChunkRange range, String position) {
            return new ChunkRows(List.of(), new long[0]);
        }

        @Override
        public long estimateRows(TableId table) {
            return keys.size();
        }

        @Override
        public void close() {
        }
    }
}
