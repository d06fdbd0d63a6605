package dev.exacme.lifecycle.importing.certify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One row's JSON document: Certify's {@code ManagedCertificate} (Certify.Models/Config/
 * ManagedCertificate.cs), only the properties the import reads, named as Newtonsoft writes them.
 * Certify's enums are written as numbers by default; they are read here as text so that a number
 * and a name both work ({@link DeploymentOption#parse}).
 */
record ManagedItem(
        @JsonProperty("Id") String id,
        @JsonProperty("Name") String name,
        @JsonProperty("ItemType") String itemType,
        @JsonProperty("IncludeInAutoRenew") Boolean includeInAutoRenew,
        @JsonProperty("CertificateAuthorityId") String certificateAuthorityId,
        @JsonProperty("UseStagingMode") boolean useStagingMode,
        @JsonProperty("RequestConfig") RequestConfig requestConfig,
        @JsonProperty("PreRequestTasks") List<Task> preRequestTasks,
        @JsonProperty("PostRequestTasks") List<Task> postRequestTasks,
        @JsonProperty("ServerSiteId") String serverSiteId,
        @JsonProperty("GroupId") String groupId,
        @JsonProperty("DateStart") String dateStart,
        @JsonProperty("DateExpiry") String dateExpiry,
        @JsonProperty("CertificatePath") String certificatePath,
        @JsonProperty("CertificateThumbprintHash") String certificateThumbprintHash,
        @JsonProperty("CertificateRevoked") boolean certificateRevoked,
        @JsonProperty("CertificatePasswordCredentialId") String certificatePasswordCredentialId,
        @JsonProperty("CustomRenewalTarget") Float customRenewalTarget,
        @JsonProperty("CustomRenewalIntervalMode") String customRenewalIntervalMode) {

    /** Lists are never null. */
    ManagedItem {
        preRequestTasks = preRequestTasks == null ? List.of() : preRequestTasks.stream().filter(t -> t != null).toList();
        postRequestTasks = postRequestTasks == null ? List.of()
                : postRequestTasks.stream().filter(t -> t != null).toList();
    }

    /** Certify renews it automatically: {@code IncludeInAutoRenew}, true unless written false. */
    boolean autoRenew() {
        return includeInAutoRenew == null || includeInAutoRenew;
    }

    /** The IIS site id: {@code ServerSiteId}, written beside its deprecated twin {@code GroupId}. */
    Optional<String> siteId() {
        return present(serverSiteId).or(() -> present(groupId));
    }

    /**
     * The tasks run after a request, with the legacy {@code PostRequestPowerShellScript} first as
     * the task Certify turns it into when it next starts (CertifyManager.DeploymentTasks.cs).
     */
    List<Task> postTasks() {
        var tasks = new ArrayList<Task>();
        if (requestConfig != null) {
            present(requestConfig.postRequestPowerShellScript()).ifPresent(script -> tasks.add(new Task(null,
                    Task.POWERSHELL, "[Post-Request Script]", null, "2", Task.LOCAL, null, null,
                    List.of(new Parameter("scriptpath", script), new Parameter("inputresult", "true")))));
        }
        tasks.addAll(postRequestTasks);
        return tasks;
    }

    /** Text that is there and not blank, trimmed. */
    static Optional<String> present(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    /** Certify's {@code ManagedCertificateType}. */
    enum ItemType {
        SSL_ACME(1), SSL_MANUAL(2), SSL_EXTERNALLY_MANAGED(3);

        private final int number;

        ItemType(int number) {
            this.number = number;
        }

        /** The type written as a number or a name; absent (0 or missing) is an ACME item, Certify's default use. */
        static Optional<ItemType> parse(String text) {
            if (text == null || text.isBlank() || text.strip().equals("0")) {
                return Optional.of(SSL_ACME);
            }
            return CertifyEnums.parse(values(), text, type -> type.number, type -> type.name());
        }
    }

    /** Certify's {@code DeploymentOption}: where the certificate goes after it is issued. */
    enum DeploymentOption {
        AUTO(5, "Auto"), SINGLE_SITE(10, "SingleSite"), ALL_SITES(20, "AllSites"),
        STORE_ONLY(30, "DeploymentStoreOnly"), NO_DEPLOYMENT(40, "NoDeployment");

        private final int number;
        private final String certifyName;

        DeploymentOption(int number, String certifyName) {
            this.number = number;
            this.certifyName = certifyName;
        }

        /** The option written as a number or a name; missing is SingleSite, the model's default. */
        static Optional<DeploymentOption> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.of(SINGLE_SITE);
            }
            return CertifyEnums.parse(values(), text, option -> option.number, option -> option.certifyName);
        }

        /** Certify's name for it. */
        String certifyName() {
            return certifyName;
        }
    }

    /**
     * The request settings: Certify's {@code CertRequestConfig} (Certify.Models/Config/CertRequestConfig.cs).
     */
    record RequestConfig(
            @JsonProperty("PrimaryDomain") String primaryDomain,
            @JsonProperty("SubjectAlternativeNames") List<String> subjectAlternativeNames,
            @JsonProperty("SubjectIPAddresses") List<String> subjectIpAddresses,
            @JsonProperty("WebsiteRootPath") String websiteRootPath,
            @JsonProperty("BindingIPAddress") String bindingIpAddress,
            @JsonProperty("BindingPort") String bindingPort,
            @JsonProperty("BindingUseSNI") Boolean bindingUseSni,
            @JsonProperty("PerformChallengeFileCopy") Boolean performChallengeFileCopy,
            @JsonProperty("PerformExtensionlessConfigChecks") Boolean performExtensionlessConfigChecks,
            @JsonProperty("PerformAutomatedCertBinding") Boolean performAutomatedCertBinding,
            @JsonProperty("AlwaysRecreateBindings") boolean alwaysRecreateBindings,
            @JsonProperty("ChallengeType") String challengeType,
            @JsonProperty("WebhookTrigger") String webhookTrigger,
            @JsonProperty("WebhookUrl") String webhookUrl,
            @JsonProperty("PreRequestPowerShellScript") String preRequestPowerShellScript,
            @JsonProperty("PostRequestPowerShellScript") String postRequestPowerShellScript,
            @JsonProperty("CSRKeyAlg") String csrKeyAlg,
            @JsonProperty("DeploymentSiteOption") String deploymentSiteOption,
            @JsonProperty("DeploymentBindingOption") String deploymentBindingOption,
            @JsonProperty("DeploymentBindingMatchHostname") Boolean deploymentBindingMatchHostname,
            @JsonProperty("DeploymentBindingBlankHostname") boolean deploymentBindingBlankHostname,
            @JsonProperty("DeploymentBindingReplacePrevious") boolean deploymentBindingReplacePrevious,
            @JsonProperty("Challenges") List<ChallengeConfig> challenges,
            @JsonProperty("CustomCSR") String customCsr,
            @JsonProperty("CustomPrivateKey") String customPrivateKey,
            @JsonProperty("AuthorityTokens") JsonNode authorityTokens,
            @JsonProperty("ReusePrivateKey") boolean reusePrivateKey,
            @JsonProperty("RequireOcspMustStaple") boolean requireOcspMustStaple,
            @JsonProperty("PreferredChain") String preferredChain,
            @JsonProperty("PreferredExpiryDays") Float preferredExpiryDays) {

        /** Lists are never null and hold no nulls. */
        RequestConfig {
            subjectAlternativeNames = subjectAlternativeNames == null ? List.of()
                    : subjectAlternativeNames.stream().filter(n -> n != null).toList();
            subjectIpAddresses = subjectIpAddresses == null ? List.of()
                    : subjectIpAddresses.stream().filter(n -> n != null && !n.isBlank()).toList();
            challenges = challenges == null ? List.of() : challenges.stream().filter(c -> c != null).toList();
        }

        /**
         * The names ordered, as Certify's GetCertificateDomains lists them: the primary domain, then
         * the alternative names (which usually repeat it), each once.
         */
        List<String> names() {
            var names = new LinkedHashMap<String, String>();
            present(primaryDomain).ifPresent(name -> names.put(name.toLowerCase(Locale.ROOT), name));
            subjectAlternativeNames.forEach(name -> present(name)
                    .ifPresent(n -> names.putIfAbsent(n.toLowerCase(Locale.ROOT), n)));
            return List.copyOf(names.values());
        }

        /** Whether Certify sets up the bindings by its defaults (the model's default: true). */
        boolean automatedBinding() {
            return performAutomatedCertBinding == null || performAutomatedCertBinding;
        }

        /** Whether Certify fetches the challenge answer itself before asking the CA (default: true). */
        boolean selfCheck() {
            return performExtensionlessConfigChecks == null || performExtensionlessConfigChecks;
        }

        /** Whether Certify only updates https bindings that exist ({@code DeploymentBindingOption} UpdateOnly, 20). */
        boolean updateOnly() {
            var option = present(deploymentBindingOption).orElse("10");
            return option.equals("20") || option.equalsIgnoreCase("UpdateOnly");
        }

        /** Whether it carries TNAuthList authority tokens (STIR/SHAKEN). */
        boolean hasAuthorityTokens() {
            return authorityTokens != null && authorityTokens.isArray() && !authorityTokens.isEmpty();
        }
    }

    /**
     * How control of some names is proved: Certify's {@code CertRequestChallengeConfig}.
     *
     * @param parameters the provider's non-credential settings (Certify's {@code ProviderParameter}s)
     */
    record ChallengeConfig(
            @JsonProperty("ChallengeType") String challengeType,
            @JsonProperty("DomainMatch") String domainMatch,
            @JsonProperty("ChallengeProvider") String challengeProvider,
            @JsonProperty("ChallengeCredentialKey") String challengeCredentialKey,
            @JsonProperty("ChallengeRootPath") String challengeRootPath,
            @JsonProperty("ZoneId") String zoneId,
            @JsonProperty("ChallengeDelegationRule") String challengeDelegationRule,
            @JsonProperty("Parameters") List<Parameter> parameters) {

        /** Lists are never null. */
        ChallengeConfig {
            parameters = parameters == null ? List.of() : parameters.stream().filter(p -> p != null).toList();
        }

        /** The challenge type, lower case ({@code http-01} when not written, Certify's default). */
        String type() {
            return present(challengeType).orElse("http-01").toLowerCase(Locale.ROOT);
        }

        /** A parameter's value by its key, case as Certify writes it. */
        Optional<String> parameter(String key) {
            return Parameter.value(parameters, key);
        }

        /** What tells one configuration from another, for configurations that are equal but repeated. */
        String identity() {
            var values = new LinkedHashMap<String, String>();
            parameters.forEach(p -> values.put(String.valueOf(p.key()), String.valueOf(p.value())));
            return type() + "|" + present(challengeProvider).orElse("") + "|"
                    + present(challengeCredentialKey).orElse("") + "|" + present(challengeRootPath).orElse("")
                    + "|" + present(zoneId).orElse("") + "|" + present(challengeDelegationRule).orElse("") + "|"
                    + values;
        }
    }

    /** A key and its value: Certify's {@code ProviderParameter} and {@code ProviderParameterSetting}. */
    record Parameter(@JsonProperty("Key") String key, @JsonProperty("Value") String value) {

        /** The first value of {@code key} (compared without case) that is not blank. */
        static Optional<String> value(List<Parameter> parameters, String key) {
            return parameters.stream().filter(p -> p.key() != null && p.key().strip().equalsIgnoreCase(key))
                    .map(p -> present(p.value())).flatMap(Optional::stream).findFirst();
        }
    }

    /**
     * A task run before or after a request: Certify's {@code DeploymentTaskConfig}
     * (Certify.Models/Config/DeploymentTaskConfig.cs).
     *
     * @param taskTrigger       when it runs (Certify's TaskTriggerType, a number or a name)
     * @param challengeProvider the account it runs as ({@code Certify.StandardChallenges.Local} and so on)
     */
    record Task(
            @JsonProperty("Id") String id,
            @JsonProperty("TaskTypeId") String taskTypeId,
            @JsonProperty("TaskName") String taskName,
            @JsonProperty("Description") String description,
            @JsonProperty("TaskTrigger") String taskTrigger,
            @JsonProperty("ChallengeProvider") String challengeProvider,
            @JsonProperty("ChallengeCredentialKey") String challengeCredentialKey,
            @JsonProperty("TargetHost") String targetHost,
            @JsonProperty("Parameters") List<Parameter> parameters) {

        static final String POWERSHELL = "Certify.Providers.DeploymentTasks.Powershell";
        static final String LOCAL = "Certify.StandardChallenges.Local";

        /** Lists are never null. */
        Task {
            parameters = parameters == null ? List.of() : parameters.stream().filter(p -> p != null).toList();
        }

        /** A parameter's value by its key. */
        Optional<String> parameter(String key) {
            return Parameter.value(parameters, key);
        }

        /** Its name for people: the task name, else its type. */
        String label() {
            return "task '" + present(taskName).orElse(present(taskTypeId).orElse("(no type)")) + "'";
        }

        /** When it runs; missing is ANY_STATUS, the model's default. */
        Trigger trigger() {
            var text = present(taskTrigger).orElse("1");
            return CertifyEnums.parse(Trigger.values(), text, trigger -> trigger.number, Enum::name)
                    .orElse(Trigger.UNKNOWN);
        }

        /** The account it runs as, when it is not Certify's own (the service account). */
        Optional<String> otherAccount() {
            return present(challengeProvider).filter(provider -> !provider.equals(LOCAL));
        }
    }

    /** Certify's {@code TaskTriggerType}. */
    enum Trigger {
        NOT_ENABLED(0), ANY_STATUS(1), ON_SUCCESS(2), ON_ERROR(4), ON_TASK_ERROR(5), MANUAL(8), UNKNOWN(-1);

        private final int number;

        Trigger(int number) {
            this.number = number;
        }
    }

    /** Reading Certify's enums, which Newtonsoft writes as numbers unless told otherwise. */
    static final class CertifyEnums {
        private CertifyEnums() {
        }

        static <E> Optional<E> parse(E[] values, String text, java.util.function.ToIntFunction<E> number,
                                     java.util.function.Function<E, String> name) {
            var trimmed = text.strip();
            Map<String, E> byName = new LinkedHashMap<>();
            for (var value : values) {
                byName.put(name.apply(value).toLowerCase(Locale.ROOT).replace("_", ""), value);
                if (Integer.toString(number.applyAsInt(value)).equals(trimmed)) {
                    return Optional.of(value);
                }
            }
            return Optional.ofNullable(byName.get(trimmed.toLowerCase(Locale.ROOT).replace("_", "")));
        }
    }
}
