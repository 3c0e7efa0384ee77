//! A real DNS server for the custom-domain tests: dnsmasq (Debian's
//! `dnsmasq-base`) on a private port, answering only for the records a test
//! gives it (`--local=/test/` makes every other `.test` name NXDOMAIN).
//! Records are fixed while it runs; a test changes them by starting another.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DNSMASQ: &str = "/usr/sbin/dnsmasq";

pub enum Record<'a> {
    Txt(&'a str, &'a str),
    /// The name answers with this IPv4 address.
    Host(&'a str, &'a str),
    /// The name is an alias of another.
    Cname(&'a str, &'a str),
}

pub struct DnsServer {
    child: Child,
    pub address: SocketAddr,
}

impl DnsServer {
    pub fn start(records: &[Record<'_>]) -> Self {
        assert!(
            std::path::Path::new(DNSMASQ).exists(),
            "{DNSMASQ} is missing: run scripts/setup.sh test (it installs Debian's dnsmasq-base)"
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = Command::new(DNSMASQ);
        command.args([
            "--keep-in-foreground",
            "--conf-file=/dev/null",
            "--no-resolv",
            "--no-hosts",
            "--listen-address=127.0.0.1",
            "--bind-interfaces",
            "--local=/test/",
            "--pid-file=",
            &format!("--port={port}"),
        ]);
        for record in records {
            command.arg(match record {
                // No shell in between: quotes would become part of the value.
                Record::Txt(name, value) => format!("--txt-record={name},{value}"),
                Record::Host(name, ip) => format!("--host-record={name},{ip}"),
                Record::Cname(name, target) => format!("--cname={name},{target}"),
            });
        }
        let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("start dnsmasq");
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "dnsmasq did not start on port {port}");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child, address: SocketAddr::from(([127, 0, 0, 1], port)) }
    }
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
