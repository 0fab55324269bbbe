package dev.capstan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart passes helm lint and renders the operator with its RBAC and the runtime image it deploys. */
class HelmChartTest {

    private static final Path CHART = Path.of("..", "helm", "capstan");

    @Test
    void chartLintsAndRendersTheOperator() {
        LintResult lint = new Helm(CHART).lint().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();

        String rendered = new Helm(CHART).template().withName("capstan").withNamespace("capstan-system")
                .set("operator.image.tag", "1.2.3").call();
        assertThat(rendered)
                .contains("kind: Deployment")
                .contains("image: \"ghcr.io/capstan-dev/capstan-operator:1.2.3\"")
                .contains("value: \"ghcr.io/capstan-dev/capstan-runtime:0.1.0\"")
                .contains("name: CAPSTAN_OPERATOR_STALE_REPORT_AFTER")
                .contains("kind: ClusterRole")
                .contains("cdcpipelines/status")
                .contains("serviceAccountName: capstan-operator")
                .contains("path: /q/health/ready");
    }
}
