package dev.exacme.acme.dns.manual;

import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import java.io.IOException;

/**
 * A person creates and removes the records: exacme says what to create and waits for them
 * to confirm. Only for interactive runs; a scheduled renewal cannot use it.
 */
public final class ManualProvider implements DnsProvider {

    /** Shows instructions to the person and returns when they confirm. */
    @FunctionalInterface
    public interface Person {
        /** @throws IOException if the person cannot be asked (no terminal) or declines */
        void confirm(String instructions) throws IOException;
    }

    private final Person person;

    public ManualProvider(Person person) {
        this.person = person;
    }

    @Override
    public String id() {
        return "manual";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        person.confirm("Create this TXT record in the zone " + record.zoneName() + " (keep any other values):"
                + System.lineSeparator() + "  " + record.name() + " 60 IN TXT \"" + record.value() + "\""
                + System.lineSeparator() + "Press Enter when it is saved.");
    }

    @Override
    public void cleanUp(ChallengeRecord record) throws IOException {
        person.confirm("Remove this TXT value from the zone " + record.zoneName() + ":" + System.lineSeparator()
                + "  " + record.name() + " TXT \"" + record.value() + "\"" + System.lineSeparator()
                + "Press Enter when it is removed.");
    }
}
