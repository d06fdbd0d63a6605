package dev.exacme.cli.guided;

import dev.exacme.acme.account.AccountSettings;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.order.CertificateRequest;
import dev.exacme.acme.order.DomainName;
import dev.exacme.exchange.deploy.ClientAccessNames;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The questions of {@code exacme setup exchange} at a terminal: the names (proposed from the
 * Exchange virtual directories when the Exchange cmdlets can be reached), the CA contact, the
 * challenge and, for DNS-01, the provider's settings, and a mail for failed renewals. Only what
 * the command line did not say is asked; every answer is checked the way the option it stands
 * for is checked, and asked again with the reason when refused.
 */
public final class ExchangeInterview {

    /**
     * What the command line left open.
     *
     * @param email     no {@code --email} was given
     * @param challenge no {@code --dns} was given
     * @param mail      no mail notification is configured yet
     */
    public record Open(boolean email, boolean challenge, boolean mail) {
    }

    private final Questions questions;
    private final Optional<ClientAccessNames> exchange;

    /**
     * An interview on {@code prompter}.
     *
     * @param exchange where the names are read from, empty where the Exchange cmdlets are not installed
     */
    public ExchangeInterview(Prompter prompter, Optional<ClientAccessNames> exchange) {
        this.questions = new Questions(prompter);
        this.exchange = exchange;
    }

    /**
     * Asks what is {@code open} for managed certificate {@code certificate}.
     *
     * @throws SetupStopped when input ended or a required answer was left empty; nothing was saved
     */
    public GuidedSetup ask(String certificate, Open open) throws SetupStopped {
        var secrets = new ArrayList<NewSecret>();
        try {
            questions.say("exacme setup exchange: a few questions, then the commands the answers make; nothing is"
                    + " changed before you confirm them. Ctrl-D stops.");
            var domains = names();
            Optional<String> email = Optional.empty();
            if (open.email()) {
                email = questions.optional("E-mail address for the CA's expiry and policy mails (empty: none)",
                        ExchangeInterview::email);
            }
            List<String> challenge = List.of();
            if (open.challenge()) {
                var wildcard = domains.stream().anyMatch(name -> name.startsWith("*."));
                if (wildcard) {
                    questions.say("A wildcard name is validated through DNS (DNS-01).");
                }
                var type = wildcard ? "dns-01" : questions.choice("Challenge: http-01 (the CA connects to this server"
                        + " on port 80, which IIS shares) or dns-01 (a TXT record through your DNS provider)",
                        List.of("http-01", "dns-01"), "http-01");
                if (type.equals("dns-01")) {
                    var dns = DnsQuestions.ask(questions, certificate);
                    secrets.addAll(dns.secrets());
                    challenge = dns.arguments();
                }
            }
            Optional<NotificationSettings.Smtp> mail = Optional.empty();
            if (open.mail()) {
                var answers = MailQuestions.ask(questions);
                if (answers.isPresent()) {
                    mail = Optional.of(answers.get().smtp());
                    answers.get().password().ifPresent(secrets::add);
                }
            }
            return new GuidedSetup(domains, email, challenge, secrets, mail);
        } catch (SetupStopped | RuntimeException stopped) {
            secrets.forEach(NewSecret::forget);
            throw stopped;
        }
    }

    /** Asks the question that needs a yes before anything is changed. */
    public boolean confirm(String question) throws SetupStopped {
        return questions.yes(question);
    }

    /** Shows {@code text}. */
    public void say(String text) {
        questions.say(text);
    }

    private List<String> names() throws SetupStopped {
        var proposal = proposal();
        return questions.required("Names the certificate covers, separated by commas", proposal.map(names ->
                String.join(",", names)), ExchangeInterview::domains);
    }

    /**
     * The names of the virtual directories and Autodiscover, without those a public CA never issues
     * for: names that are no DNS names, and {@code .local} ones (RFC 6762), Exchange's usual
     * internal domain. Which were left out is said.
     */
    private Optional<List<String>> proposal() {
        if (exchange.isEmpty()) {
            return Optional.empty();
        }
        questions.say("Reading the names of this Exchange server's virtual directories and Autodiscover...");
        List<String> found;
        try {
            found = exchange.get().names();
        } catch (PowerShellFailure failed) {
            questions.say("  They could not be read (" + failed.getMessage() + "); type the names.");
            return Optional.empty();
        }
        var proposed = new ArrayList<String>();
        var left = new ArrayList<String>();
        for (var name : found) {
            (issuable(name) ? proposed : left).add(name);
        }
        if (!left.isEmpty()) {
            questions.say("  Not proposed, as a public CA does not issue for them: " + String.join(", ", left));
        }
        if (proposed.isEmpty()) {
            questions.say("  No name to propose; type the names.");
            return Optional.empty();
        }
        questions.say("  Found: " + String.join(", ", proposed) + " (Enter takes them)");
        return Optional.of(proposed);
    }

    private static boolean issuable(String name) {
        try {
            return !DomainName.parse(name).ascii().endsWith(".local");
        } catch (InvalidRequest e) {
            return false;
        }
    }

    /** The names as {@code -d} takes them: the same checks, in the form the CA is sent. */
    static List<String> domains(String answer) throws InvalidRequest {
        var typed = Arrays.stream(answer.split("[,\\s]+")).filter(name -> !name.isEmpty()).toList();
        return CertificateRequest.parseNames(typed).stream().map(DomainName::ascii).toList();
    }

    /** An address as {@code --email} takes it. */
    static String email(String answer) throws InvalidRequest {
        new AccountSettings(List.of(answer), true, Optional.empty()).validated();
        return answer;
    }
}
