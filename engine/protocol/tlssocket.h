#pragma once

class QSslSocket;

namespace Kura::Protocol {

class Connection;

// Sets up `connection` over `socket`, a connected QSslSocket, the way kura-agent and kura-server
// use it (docs/protocol.md, "Over TCP and TLS"):
// - TCP_NODELAY. Queries and their answers (missing chunks, the fetches of a restore) are small
//   writes that wait for each other; with Nagle's algorithm and the peer's delayed
//   acknowledgement each exchange could wait 40 ms.
// - The write backlog (Connection::setWriteBacklog) is the plaintext and the encrypted bytes the
//   socket still buffers, with WriteBacklogBytes as its limit.
// - Each Data frame is flushed through TLS to the kernel as it is written, instead of
//   everything written in one pass of the event loop (up to the backlog limit) being encrypted
//   at once through buffers of that size.
void attachTlsSocket(Connection &connection, QSslSocket &socket);

} // namespace Kura::Protocol
