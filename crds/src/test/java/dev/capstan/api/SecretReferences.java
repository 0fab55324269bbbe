package dev.capstan.api;

import dev.capstan.api.v1alpha1.CdcPipeline;
import dev.capstan.api.v1alpha1.CdcPipelineSpec;
import dev.capstan.api.v1alpha1.SecretRef;
import dev.capstan.api.v1alpha1.sink.KafkaSinkSpec;
import dev.capstan.api.v1alpha1.source.SourceTlsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The names of all Secrets a pipeline references (for ExamplesTest). */
final class SecretReferences {

    private SecretReferences() {
    }

    static List<String> of(CdcPipeline pipeline) {
        CdcPipelineSpec spec = pipeline.getSpec();
        List<SecretRef> refs = new ArrayList<>();
        Optional.ofNullable(spec.getSource().getPostgres()).ifPresent(pg -> {
            refs.add(pg.getCredentialsSecretRef());
            refs.add(ca(pg.getTls()));
        });
        Optional.ofNullable(spec.getSource().getMysql()).ifPresent(my -> {
            refs.add(my.getCredentialsSecretRef());
            refs.add(ca(my.getTls()));
        });
        KafkaSinkSpec kafka = spec.getSink().getKafka();
        Optional.ofNullable(kafka.getTls()).ifPresent(tls -> refs.add(tls.getCaSecretRef()));
        Optional.ofNullable(kafka.getAuthentication()).ifPresent(auth -> {
            refs.add(auth.getCredentialsSecretRef());
            refs.add(auth.getCertificateSecretRef());
        });
        return refs.stream().filter(Objects::nonNull).map(SecretRef::getName).toList();
    }

    private static SecretRef ca(SourceTlsSpec tls) {
        return tls == null ? null : tls.getCaSecretRef();
    }
}
