"""Ports a redirect may not lead to: the WHATWG Fetch standard's "bad ports" (section 2.9, port blocking).

Browsers (Chromium's ``kRestrictedPorts``, Firefox, Safari) refuse an http(s) request to these ports, whoever
asks it: a server's ``Location``, refresh or script stub that points at ``http://mail.example:25/`` would
otherwise make the archiving machine send an HTTP request to an SMTP, IRC or NFS server (a cross-protocol
request, its path written by the hostile server). Only hops a server chose are checked; a URL in the user's
own list is asked as listed.
"""
from __future__ import annotations

BAD_PORTS_NOTE = "the Fetch standard's bad ports"  # in every reason bad_port_reason gives
# port -> the service it belongs to (as the Fetch standard's table names it)
BAD_PORTS: dict[int, str] = {
    1: "tcpmux", 7: "echo", 9: "discard", 11: "systat", 13: "daytime", 15: "netstat", 17: "qotd", 19: "chargen",
    20: "ftp-data", 21: "ftp", 22: "ssh", 23: "telnet", 25: "smtp", 37: "time", 42: "name", 43: "nicname",
    53: "domain", 69: "tftp", 77: "priv-rjs", 79: "finger", 87: "ttylink", 95: "supdup", 101: "hostname",
    102: "iso-tsap", 103: "gppitnp", 104: "acr-nema", 109: "pop2", 110: "pop3", 111: "sunrpc", 113: "auth",
    115: "sftp", 117: "uucp-path", 119: "nntp", 123: "ntp", 135: "epmap", 137: "netbios-ns", 139: "netbios-ssn",
    143: "imap2", 161: "snmp", 179: "bgp", 389: "ldap", 427: "svrloc", 465: "submissions", 512: "exec",
    513: "login", 514: "shell", 515: "printer", 526: "tempo", 530: "courier", 531: "chat", 532: "netnews",
    540: "uucp", 548: "afp", 554: "rtsp", 556: "remotefs", 563: "nntps", 587: "submission", 601: "syslog-conn",
    636: "ldaps", 989: "ftps-data", 990: "ftps", 993: "imaps", 995: "pop3s", 1719: "h323gatestat",
    1720: "h323hostcall", 1723: "pptp", 2049: "nfs", 3659: "apple-sasl", 4045: "npp", 4190: "sieve", 5060: "sip",
    5061: "sips", 6000: "x11", 6566: "sane-port", 6665: "ircu", 6666: "ircu", 6667: "ircu", 6668: "ircu",
    6669: "ircu", 6679: "osaut", 6697: "ircs-u", 10080: "amanda",
}


def bad_port_reason(port: int | None) -> str | None:
    """Why a hop to ``port`` (None: the scheme's default) is not followed, or None when it may be."""
    service = BAD_PORTS.get(port) if port is not None else None
    if service is None:
        return None
    return (f"port {port} is {service}'s, one browsers refuse to send HTTP to ({BAD_PORTS_NOTE}): "
            "a redirect there would make archiver talk to another protocol's server")
