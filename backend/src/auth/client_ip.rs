//! The client's address: the socket's peer, unless that peer is one of our configured reverse
//! proxies, in which case the nearest address in `X-Forwarded-For` that is not one of them.
//! A client cannot spoof its address (and so escape rate limits) by sending the header itself.
use crate::state::AppState;
use actix_web::{HttpRequest, web};
use ipnet::IpNet;
use std::net::IpAddr;

/// The client address of a request, as rate limits and logs use it.
pub fn client_ip(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return "unknown".into();
    };
    let trusted = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.config.trusted_proxies.as_slice())
        .unwrap_or_default();
    let forwarded: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .collect();
    resolve(peer, &forwarded, trusted).to_string()
}

/// Walks the forwarding chain from the nearest hop back while hops are trusted proxies.
fn resolve(peer: IpAddr, forwarded: &[&str], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            // Garbage in the chain: stop at the last address we could trust.
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        assert_eq!(
            resolve(ip("203.0.113.7"), &["1.2.3.4"], &[]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn an_untrusted_peer_cannot_forge_its_address() {
        let trusted = nets(&["10.0.0.0/8"]);
        assert_eq!(
            resolve(ip("203.0.113.7"), &["1.2.3.4"], &trusted),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_nearest_untrusted_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "192.168.1.1/32"]);
        // The client sent a forged first entry; the proxies appended what they saw.
        assert_eq!(
            resolve(
                ip("10.0.0.2"),
                &["6.6.6.6, 198.51.100.9", "192.168.1.1"],
                &trusted
            ),
            ip("198.51.100.9")
        );
        assert_eq!(
            resolve(ip("10.0.0.2"), &["198.51.100.9"], &trusted),
            ip("198.51.100.9")
        );
        assert_eq!(resolve(ip("10.0.0.2"), &[], &trusted), ip("10.0.0.2"));
        assert_eq!(
            resolve(ip("10.0.0.2"), &["not-an-ip, 10.0.0.3"], &trusted),
            ip("10.0.0.3")
        );
        assert_eq!(
            resolve(ip("::1"), &["2001:db8::5"], &nets(&["::1/128"])),
            ip("2001:db8::5")
        );
    }
}
