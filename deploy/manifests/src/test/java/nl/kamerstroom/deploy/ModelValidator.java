package nl.kamerstroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a manifest object against the typed model of its API: fabric8's models of the
 * Kubernetes APIs and the Prometheus Operator's ServiceMonitor, Strimzi's own model of its
 * resources. The models keep unknown fields aside instead of failing, so after reading an object
 * every nested {@code additionalProperties} must be empty: a misspelt or misplaced field is an
 * error, and so is a value of the wrong type. CloudNativePG publishes no Java model; its objects
 * are checked for the fields kamerstroom uses (see {@link #checkCnpg}).
 */
final class ModelValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor",
                    io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class));

    private ModelValidator() {
    }

    /** What is wrong with the object; empty when it is valid. */
    static List<String> problems(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String name = type + " " + object.path("metadata").path("name").asText();
        if (type.startsWith("postgresql.cnpg.io/v1/")) {
            return checkCnpg(name, object);
        }
        Class<?> model = MODELS.get(type);
        if (model == null) {
            return List.of(name + ": no model for this API version and kind");
        }
        Object read;
        try {
            read = JSON.treeToValue(object, model);
        } catch (Exception e) {
            return List.of(name + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(read, name, problems, new IdentityHashMap<>());
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue; // derived getters that need more than the model holds
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String field = getter.getName().replaceFirst("^(get|is)", "");
            // free-form maps (labels, config, data) are not model objects: only their model values are walked
            unknownFields(child, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), problems, seen);
        }
    }

    /** The fields of CloudNativePG's Cluster and Database that kamerstroom relies on. */
    static List<String> checkCnpg(String name, JsonNode object) {
        List<String> problems = new ArrayList<>();
        JsonNode spec = object.path("spec");
        switch (object.path("kind").asText()) {
            case "Cluster" -> {
                require(problems, name, spec.path("instances").isInt() && spec.path("instances").asInt() >= 1, "spec.instances >= 1");
                require(problems, name, spec.path("storage").path("size").isTextual(), "spec.storage.size");
                JsonNode initdb = spec.path("bootstrap").path("initdb");
                require(problems, name, initdb.path("database").isTextual(), "spec.bootstrap.initdb.database");
                require(problems, name, initdb.path("owner").isTextual(), "spec.bootstrap.initdb.owner");
                // without a secret CloudNativePG generates the owner's credentials into <cluster>-app
                require(problems, name, initdb.path("secret").isMissingNode() || initdb.path("secret").path("name").isTextual(),
                        "spec.bootstrap.initdb.secret.name");
                for (JsonNode role : spec.path("managed").path("roles")) {
                    require(problems, name, role.path("name").isTextual() && role.path("passwordSecret").path("name").isTextual(),
                            "spec.managed.roles[].name and passwordSecret.name");
                }
            }
            case "Database" -> {
                require(problems, name, spec.path("name").isTextual(), "spec.name");
                require(problems, name, spec.path("owner").isTextual(), "spec.owner");
                require(problems, name, spec.path("cluster").path("name").isTextual(), "spec.cluster.name");
            }
            default -> problems.add(name + ": unexpected CloudNativePG kind");
        }
        return problems;
    }

    private static void require(List<String> problems, String name, boolean ok, String what) {
        if (!ok) {
            problems.add(name + ": missing or invalid " + what);
        }
    }
}
