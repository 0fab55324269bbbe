package dev.capstan.runtime.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationCacheTest {

    private final RelationCache cache = new RelationCache();

    private static PgMessage.Relation bookings(PgMessage.Column... columns) {
        return new PgMessage.Relation(16_390, "public", "bookings", 'd', List.of(columns));
    }

    @Test
    void remembersRelationsAndTypesOnly() {
        PgMessage.Relation relation = bookings(new PgMessage.Column(true, "id", PgTypes.INT8, -1));
        assertThat(cache.remember(relation)).isTrue();
        assertThat(cache.remember(new PgMessage.Type(16_401, "public", "mood"))).isTrue();
        assertThat(cache.remember(new PgMessage.Insert(16_390, TupleData.ofTexts("1")))).isFalse();
        assertThat(cache.relation(16_390)).isSameAs(relation);
        assertThat(cache.type(16_401)).contains(new PgMessage.Type(16_401, "public", "mood"));
        assertThat(cache.type(16_402)).isEmpty();
    }

    @Test
    void convertersFollowColumnOrder() {
        cache.put(bookings(
                new PgMessage.Column(true, "id", PgTypes.INT8, -1),
                new PgMessage.Column(false, "amount", PgTypes.NUMERIC, -1),
                new PgMessage.Column(false, "tags", 1009, -1),
                new PgMessage.Column(false, "flag", PgTypes.BIT, 1)));
        List<PgValueConverter> converters = cache.converters(16_390);
        assertThat(converters).hasSize(4);
        assertThat(converters.get(0).convert("7")).isEqualTo(7L);
        assertThat(converters.get(1).convert("1.50")).isEqualTo(new BigDecimal("1.50"));
        assertThat(converters.get(2).convert("{a,b}")).isEqualTo(List.of("a", "b"));
        assertThat(converters.get(3).convert("1")).isEqualTo(true);
    }

    @Test
    void newRelationMessageReplacesLayout() {
        cache.put(bookings(new PgMessage.Column(true, "id", PgTypes.INT4, -1)));
        cache.put(bookings(new PgMessage.Column(true, "id", PgTypes.TEXT, -1),
                new PgMessage.Column(false, "note", PgTypes.TEXT, -1)));
        assertThat(cache.relation(16_390).columns()).hasSize(2);
        assertThat(cache.converters(16_390).get(0).convert("7")).isEqualTo("7");
    }

    @Test
    void domainOverBuiltinUsesTheBaseTypeConverter() {
        cache.remember(new PgMessage.Type(16_500, "pg_catalog", "int4"));
        cache.remember(new PgMessage.Type(16_501, "pg_catalog", "_numeric"));
        cache.remember(new PgMessage.Type(16_502, "pg_catalog", "tsvector"));
        cache.put(bookings(new PgMessage.Column(false, "qty", 16_500, -1),
                new PgMessage.Column(false, "prices", 16_501, -1),
                new PgMessage.Column(false, "doc", 16_502, -1)));
        List<PgValueConverter> converters = cache.converters(16_390);
        assertThat(converters.get(0).convert("12")).isEqualTo(12);
        assertThat(converters.get(1).convert("{1.5}")).isEqualTo(List.of(new BigDecimal("1.5")));
        assertThat(converters.get(2).convert("'a':1")).isEqualTo("'a':1");
    }

    @Test
    void enumsAndExtensionTypesStayText() {
        cache.remember(new PgMessage.Type(16_401, "public", "mood"));
        cache.remember(new PgMessage.Type(16_402, "public", "_mood"));
        cache.remember(new PgMessage.Type(16_403, "public", "int4"));
        assertThat(cache.converter(16_401, -1).convert("happy")).isEqualTo("happy");
        assertThat(cache.converter(16_402, -1).convert("{happy,sad}")).isEqualTo("{happy,sad}");
        assertThat(cache.converter(16_403, -1).convert("12")).isEqualTo("12");
        assertThat(cache.converter(99_999, -1).convert("x")).isEqualTo("x");
    }

    @Test
    void unknownRelationFailsClearly() {
        assertThatThrownBy(() -> cache.relation(4))
                .isInstanceOf(PgOutputException.class)
                .hasMessageContaining("relation 4 before its Relation message");
        assertThatThrownBy(() -> cache.converters(-2))
                .hasMessageContaining("relation 4294967294");
    }

    @Test
    void clearForgetsEverything() {
        cache.remember(bookings(new PgMessage.Column(true, "id", PgTypes.INT4, -1)));
        cache.remember(new PgMessage.Type(16_401, "public", "mood"));
        cache.clear();
        assertThat(cache.type(16_401)).isEmpty();
        assertThatThrownBy(() -> cache.relation(16_390)).isInstanceOf(PgOutputException.class);
    }
}
