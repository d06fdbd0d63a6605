package dev.exacme.exchange.certificates;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The services {@code Enable-ExchangeCertificate} assigns a certificate to, with the bits of
 * Exchange's {@code AllowedServices} flags, which Windows PowerShell 5.1 serializes as a number
 * (exacme's script turns them into their names first, since through a remote session they may
 * arrive as an object; both forms are read).
 */
public enum ExchangeService {
    /** IMAP4. */
    IMAP(1),
    /** POP3. */
    POP(2),
    /** Unified Messaging (Exchange 2013/2016). */
    UM(4),
    /** IIS: OWA, ECP, EWS, ActiveSync, Autodiscover... */
    IIS(8),
    /** SMTP: the transport service's STARTTLS. */
    SMTP(16),
    /** Federation. */
    FEDERATION(32),
    /** UM call router. */
    UM_CALL_ROUTER(64);

    private final int flag;

    ExchangeService(int flag) {
        this.flag = flag;
    }

    /** The bit of {@code AllowedServices}. */
    public int flag() {
        return flag;
    }

    /** The name Exchange uses ({@code IMAP}, {@code UMCallRouter}...). */
    public String exchangeName() {
        return switch (this) {
            case FEDERATION -> "Federation";
            case UM_CALL_ROUTER -> "UMCallRouter";
            default -> name();
        };
    }

    /** The services of an {@code AllowedServices} number. */
    public static Set<ExchangeService> ofFlags(int flags) {
        var services = EnumSet.noneOf(ExchangeService.class);
        for (var service : values()) {
            if ((flags & service.flag) != 0) {
                services.add(service);
            }
        }
        return services;
    }

    /**
     * The services of a {@code Services} value as 5.1 writes it: a number, or text such as
     * {@code "IMAP, POP, IIS, SMTP"} or {@code "None"} (from a remote session or a string cast).
     */
    public static Set<ExchangeService> parse(String text) {
        var trimmed = text.trim();
        if (trimmed.matches("\\d+")) {
            return ofFlags(Integer.parseInt(trimmed));
        }
        var services = EnumSet.noneOf(ExchangeService.class);
        for (var part : trimmed.split("\\s*,\\s*")) {
            if (part.isEmpty() || part.equalsIgnoreCase("None")) {
                continue;
            }
            services.add(byName(part));
        }
        return services;
    }

    /** The service of a name as a person or Exchange writes it. */
    public static ExchangeService byName(String name) {
        for (var service : values()) {
            if (service.exchangeName().equalsIgnoreCase(name) || service.name().equalsIgnoreCase(name)) {
                return service;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an Exchange service; choose from "
                + EnumSet.allOf(ExchangeService.class).stream().map(ExchangeService::exchangeName)
                .collect(Collectors.joining(", ")).toLowerCase(Locale.ROOT) + ".");
    }

    /** The {@code -Services} argument for a set, e.g. {@code "IIS,SMTP"}. */
    public static String argument(Set<ExchangeService> services) {
        return services.stream().sorted().map(ExchangeService::exchangeName).collect(Collectors.joining(","));
    }
}
