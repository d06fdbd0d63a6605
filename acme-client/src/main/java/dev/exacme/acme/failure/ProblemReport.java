package dev.exacme.acme.failure;

import java.util.List;
import java.util.Optional;

/**
 * An ACME problem document (RFC 8555 section 6.7, RFC 7807) reduced to what an
 * administrator needs: the problem type, the CA's explanation, the identifier it concerns,
 * and the sub-problems for individual identifiers.
 *
 * @param type        the problem type without the {@code urn:ietf:params:acme:error:}
 *                    prefix, e.g. {@code rateLimited} or {@code unauthorized}
 * @param detail      the CA's human-readable explanation, possibly empty
 * @param identifier  the identifier the problem is about, when the CA said
 * @param subproblems problems about single identifiers
 */
public record ProblemReport(String type, String detail, Optional<String> identifier,
                            List<ProblemReport> subproblems) {

    public ProblemReport {
        subproblems = List.copyOf(subproblems);
    }

    /** One line per problem, sub-problems indented below their parent. */
    public String describe() {
        var text = new StringBuilder();
        describe(text, "");
        return text.toString();
    }

    private void describe(StringBuilder text, String indent) {
        text.append(indent);
        identifier.ifPresent(id -> text.append(id).append(": "));
        text.append(type);
        if (!detail.isBlank()) {
            text.append(" - ").append(detail);
        }
        for (var sub : subproblems) {
            text.append(System.lineSeparator());
            sub.describe(text, indent + "  ");
        }
    }
}
