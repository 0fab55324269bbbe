package dev.capstan.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The extension contract, with a fake server: lazy, one per run, injected everywhere, closed at the end. */
class SharedServerExtensionTest {

    static final AtomicInteger STARTED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    static final List<FakeServer> SEEN = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aClassThatAsksForNoServerStartsNone() {
        TestExecutionSummary summary = run(NoParameterFixture.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(STARTED).hasValue(0);
    }

    @Test
    void oneServerIsSharedByConstructorsLifecycleMethodsAndTestsOfAllClassesAndClosedAtTheEnd() {
        TestExecutionSummary summary = run(FirstFixture.class, SecondFixture.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(STARTED).hasValue(1);
        assertThat(CLOSED).hasValue(1);
        assertThat(SEEN).hasSize(6).allSatisfy(server -> assertThat(server).isSameAs(SEEN.get(0)));
    }

    @Test
    void aServerThatFailsToStartFailsEveryTestThatAsksButIsStartedOnlyOnce() {
        TestExecutionSummary summary = run(FailingFixture.class);

        assertThat(summary.getTestsFailedCount()).isEqualTo(2);
        assertThat(summary.getFailures()).allSatisfy(failure ->
                assertThat(failure.getException()).hasRootCauseMessage("no port for you"));
        assertThat(STARTED).hasValue(1);
    }

    private static TestExecutionSummary run(Class<?>... classes) {
        STARTED.set(0);
        CLOSED.set(0);
        SEEN.clear();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (Class<?> fixture : classes) {
            request.selectors(selectClass(fixture));
        }
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request.build(), listener);
        return listener.getSummary();
    }

    static final class FakeServer implements AutoCloseable {
        FakeServer() {
            STARTED.incrementAndGet();
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    static final class FakeExtension extends SharedServerExtension<FakeServer> {
        FakeExtension() {
            super(FakeServer.class, FakeServer::new);
        }
    }

    static final class FailingExtension extends SharedServerExtension<FakeServer> {
        FailingExtension() {
            super(FakeServer.class, () -> {
                STARTED.incrementAndGet();
                throw new IllegalStateException("no port for you");
            });
        }
    }

    @ExtendWith(FakeExtension.class)
    static class NoParameterFixture {
        @Test
        void test() {
        }
    }

    @ExtendWith(FakeExtension.class)
    static class FirstFixture {
        FirstFixture(FakeServer server) {
            SEEN.add(server);
        }

        @BeforeAll
        static void beforeAll(FakeServer server) {
            SEEN.add(server);
        }

        @Test
        void one(FakeServer server) {
            SEEN.add(server);
        }

        @Test
        void two(FakeServer server) {
            SEEN.add(server);
        }
    }

    @ExtendWith(FakeExtension.class)
    static class SecondFixture {
        @Test
        void three(FakeServer server) {
            SEEN.add(server);
        }
    }

    @ExtendWith(FailingExtension.class)
    static class FailingFixture {
        @Test
        void one(FakeServer server) {
        }

        @Test
        void two(FakeServer server) {
        }
    }
}
