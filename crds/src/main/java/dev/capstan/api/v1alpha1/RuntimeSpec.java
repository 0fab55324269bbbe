package dev.capstan.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Settings of the runtime pod (one per pipeline). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuntimeSpec {

    @Size(min = 1)
    @JsonPropertyDescription("Container image of the Capstan runtime. Unset: the image the operator was installed "
            + "with.")
    private String image;

    @JsonPropertyDescription("CPU and memory requests and limits of the runtime container. Unset: the operator's "
            + "defaults.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Node labels the runtime pod must be scheduled on.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the runtime pod.")
    private List<Toleration> tolerations;

    @Pattern(Patterns.K8S_NAME)
    @Size(max = 253)
    @JsonPropertyDescription("ServiceAccount the runtime pod runs as; it needs to patch this pipeline's status. "
            + "Unset: one the operator creates for the pipeline.")
    private String serviceAccountName;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public String getServiceAccountName() {
        return serviceAccountName;
    }

    public void setServiceAccountName(String serviceAccountName) {
        this.serviceAccountName = serviceAccountName;
    }
}
