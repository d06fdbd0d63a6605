/**
 * Windows DNS Server (Active Directory integrated or file-backed zones) through the
 * {@code DnsServer} PowerShell module: the zones a server holds and single TXT values added and
 * removed. It knows nothing of ACME; lifecycle's {@code windows} DNS-01 provider is built on it.
 * It lives here, beside the Exchange scripts, because every PowerShell exacme runs is built and
 * parsed in this module. Not yet run on Windows.
 */
package dev.exacme.exchange.dnsserver;
