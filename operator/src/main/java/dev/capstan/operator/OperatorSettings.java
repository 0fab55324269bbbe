package dev.capstan.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The operator's own configuration ({@code capstan.operator.*} in application.properties or env). */
@ConfigMapping(prefix = "capstan.operator")
public interface OperatorSettings {

    /** Image of the runtime Deployment when {@code spec.runtime.image} is not set. */
    String runtimeImage();

    /** How often a pipeline is checked again without any change (slot size, runtime report age). */
    @WithDefault("30s")
    Duration resyncInterval();

    /** A runtime report older than this makes the pipeline Degraded. */
    @WithDefault("60s")
    Duration staleReportAfter();
}
