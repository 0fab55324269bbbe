package dev.capstan.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.capstan.runtime.config.ConfigException;
import java.io.EOFException;
import java.sql.SQLException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

    @ParameterizedTest
    @CsvSource({"08006,true", "08001,true", "57P01,true", "55006,true", "53300,true", "40001,true",
            "28P01,false", "28000,false", "42501,false", "3D000,false", "55000,false", "42P01,false"})
    void sqlStates(String state, boolean retriable) {
        assertThat(ErrorClassifier.isRetriable(new SQLException("x", state))).isEqualTo(retriable);
    }

    @Test
    void causesAreFollowed() {
        assertThat(ErrorClassifier.isRetriable(new RuntimeException(new EOFException()))).isTrue();
        assertThat(ErrorClassifier.isRetriable(new RuntimeException(new NetworkException("gone")))).isTrue();
        assertThat(ErrorClassifier.isRetriable(new SaslAuthenticationException("bad"))).isFalse();
        assertThat(ErrorClassifier.isRetriable(new ConfigException("bad", new EOFException()))).isFalse();
        assertThat(ErrorClassifier.isRetriable(new IllegalStateException("bug"))).isFalse();
    }
}
