import CallbookCore
import Testing

/// `HostCheck`: which `Host` and `Origin` values serve answers (RFC 9110 §7.2 authority form
/// `host[:port]`, RFC 6454 origins `scheme://host[:port]`).
@Suite("serve: Host and Origin checks")
struct HostCheckTests {
    let loopback = HostCheck(address: "127.0.0.1", port: 8000)

    @Test("on loopback: the address, localhost and [::1] with the port, one Host header")
    func hosts() {
        for host in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000"] {
            #expect(loopback.allowsHost([host]), "\(host)")
        }
        for host in ["attacker.example:8000", "127.0.0.1", "localhost", "[::1]", "127.0.0.1:8001", "127.0.0.2:8000",
                     "localhost.attacker.example:8000", "127.0.0.1:8000.attacker.example", "127.0.0.1:+8000",
                     "127.0.0.1:08000x", "[::1:8000", "[::1]8000", "", ":8000"] {
            #expect(!loopback.allowsHost([host]), "\(host)")
        }
        #expect(!loopback.allowsHost([]))
        #expect(!loopback.allowsHost(["127.0.0.1:8000", "127.0.0.1:8000"]))
    }

    @Test("port 80 may be left out; another loopback address names itself")
    func defaultPort() {
        let eighty = HostCheck(address: "127.0.0.1", port: 80)
        #expect(eighty.allowsHost(["localhost"]))
        #expect(eighty.allowsHost(["127.0.0.1:80"]))
        #expect(eighty.allowsOrigin(["http://localhost"]))
        let other = HostCheck(address: "127.0.0.5", port: 9000)
        #expect(other.isLoopback)
        #expect(other.allowsHost(["127.0.0.5:9000"]))
        #expect(!other.allowsHost(["127.0.0.1:9000"]))
    }

    @Test("WebSocket origins: none, or http:// naming this server")
    func origins() {
        #expect(loopback.allowsOrigin([]))
        for origin in ["http://127.0.0.1:8000", "http://localhost:8000", "HTTP://LocalHost:8000", "http://[::1]:8000"] {
            #expect(loopback.allowsOrigin([origin]), "\(origin)")
        }
        for origin in ["null", "https://localhost:8000", "http://attacker.example:8000", "http://attacker.example",
                       "http://localhost:8001", "http://localhost", "file://", "http://localhost:8000/"] {
            #expect(!loopback.allowsOrigin([origin]), "\(origin)")
        }
        #expect(!loopback.allowsOrigin(["http://localhost:8000", "http://attacker.example"]))
    }

    @Test("any other address (--host, the user's choice): no check")
    func otherAddresses() {
        for address in ["0.0.0.0", "192.168.1.20", "10.0.0.1"] {
            let check = HostCheck(address: address, port: 8000)
            #expect(!check.isLoopback)
            #expect(check.allowsHost(["attacker.example:8000"]))
            #expect(check.allowsHost([]))
            #expect(check.allowsOrigin(["http://attacker.example"]))
        }
    }
}
