#include <protocol/auth.h>
#include <protocol/connection.h>
#include <protocol/tlssocket.h>

#include <testsupport.h>

#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <memory>

using namespace Kura;
using namespace Kura::Protocol;
using namespace Qt::StringLiterals;

namespace {

JobStart backupStart(qint64 jobId)
{
    JobStart start;
    start.jobId = jobId;
    start.chunkIdKey = QByteArray(IdKeyBytes, 'k');
    return start;
}

const QString AgentId = u"agent-42"_s;

// Two connected local sockets: `client` (the agent's end) and `accepted` (the server's end).
struct SocketPair
{
    QLocalServer listener;
    QLocalSocket client;
    QLocalSocket *accepted = nullptr;

    bool open()
    {
        const QString name = u"kura-tst-connection-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!listener.listen(name))
            return false;
        client.connectToServer(name);
        if (!client.waitForConnected(5000) || !listener.waitForNewConnection(5000))
            return false;
        accepted = listener.nextPendingConnection();
        return accepted != nullptr;
    }
};

Connection::Options options(Role role, const Clock *clock = nullptr)
{
    Connection::Options o;
    o.role = role;
    o.softwareVersion = u"0.1.0"_s;
    o.receiveWindowBytes = MinReceiveWindowBytes;
    o.tickIntervalMs = 0;
    o.clock = clock;
    return o;
}

QByteArray frameBytes(quint32 stream, const Message &message)
{
    return *FrameEncoder::encode(Frame{FrameType::Control, stream, encodeMessage(message)});
}

// Both ends of a real connection, with owners that enroll or authenticate.
struct Fixture
{
    SocketPair sockets;
    std::unique_ptr<Connection> agent;
    std::unique_ptr<Connection> server;
    QByteArray secret = QByteArray(SecretBytes, 's');
    QByteArray serverSecret = QByteArray(SecretBytes, 's'); // what the server has on record
    QString enrollToken;                                     // set: the agent enrolls
    QList<std::pair<quint32, Message>> agentReceived;
    QList<std::pair<quint32, Message>> serverReceived;

    bool open(Connection::Options agentOptions, Connection::Options serverOptions)
    {
        return sockets.open() && openOver(&sockets.client, sockets.accepted, agentOptions, serverOptions);
    }

    // Over other connected devices than `sockets`.
    bool openOver(QIODevice *agentEnd, QIODevice *serverEnd, Connection::Options agentOptions,
                  Connection::Options serverOptions)
    {
        agent = std::make_unique<Connection>(agentEnd, agentOptions);
        server = std::make_unique<Connection>(serverEnd, serverOptions);
        QObject::connect(agent.get(), &Connection::messageReceived, agent.get(),
                         [this](quint32 stream, const Message &m) { onAgentMessage(stream, m); });
        QObject::connect(server.get(), &Connection::messageReceived, server.get(),
                         [this](quint32 stream, const Message &m) { onServerMessage(stream, m); });
        server->start();
        agent->start();
        return true;
    }

    void onAgentMessage(quint32 stream, const Message &message)
    {
        agentReceived.append({stream, message});
        if (std::holds_alternative<AuthChallenge>(message)) {
            if (!enrollToken.isEmpty()) {
                agent->send(0, Enroll{enrollToken, HostFacts{u"db-01"_s, u"debian"_s, u"12"_s, u"x86_64"_s, QString(), u"0.1.0"_s, {}}});
                return;
            }
            const auto mac = authMac(secret, agent->challengeNonce(), AgentId);
            agent->send(0, AuthResponse{AgentId, mac.value_or(QByteArray())});
        } else if (const auto *result = std::get_if<EnrollResult>(&message)) {
            secret = result->agentSecret;
        }
    }

    void onServerMessage(quint32 stream, const Message &message)
    {
        serverReceived.append({stream, message});
        if (const auto *response = std::get_if<AuthResponse>(&message)) {
            const Status ok = verifyAuthMac(serverSecret, server->challengeNonce(), response->agentId, response->mac);
            if (!ok)
                server->close(ok.error());
            else
                server->send(0, AuthResult{response->agentId});
        } else if (const auto *enroll = std::get_if<Enroll>(&message)) {
            if (enroll->token != u"good-token"_s)
                return server->close(Error(ErrorCode::Unauthorized, u"unknown enrollment token"_s));
            serverSecret = *newAgentSecret();
            server->send(0, EnrollResult{AgentId, serverSecret});
        }
    }
};

} // namespace

class tst_Connection : public QObject
{
    Q_OBJECT

private slots:
    void authenticatesWithChallengeResponse();
    void enrollsAndReceivesSecret();
    void refusesWrongSecret();
    void refusesUnknownEnrollmentToken();
    void closesOnVersionMismatch();
    void transfersChunksWithinTheWindow();
    void refusesChunkWhenWindowIsFull();
    void holdsCreditWhileWriteBacklogIsFull();
    void sendsChunksLargerThanTheBacklogLimit();
    void attachTlsSocketSetsUpTheTcpSocket();
    void dropsGarbage_data();
    void dropsGarbage();
    void dropsWindowOverrun();
    void detectsHeartbeatTimeout();
    void heartbeatsKeepAnIdleConnectionAlive();
    void reportsPeerClosing();
};

void tst_Connection::authenticatesWithChallengeResponse()
{
    Fixture f;
    QVERIFY(f.open(options(Role::Agent), options(Role::Server)));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QSignalSpy serverReady(f.server.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QTRY_COMPARE(serverReady.size(), 1);
    QCOMPARE(f.agent->negotiatedVersion(), 1);
    QCOMPARE(f.server->negotiatedVersion(), 1);
    QCOMPARE(f.agent->challengeNonce(), f.server->challengeNonce());
    QCOMPARE(f.agent->challengeNonce().size(), NonceBytes);
    QVERIFY(!f.serverReceived.isEmpty());
    QVERIFY(std::holds_alternative<Hello>(f.serverReceived.first().second));
    QCOMPARE(std::get<Hello>(f.serverReceived.first().second).softwareVersion, u"0.1.0"_s);
    // A request now flows.
    QVERIFY_RESULT(f.server->send(1, BrowseRequest{u"/var"_s, 10}));
    QTRY_COMPARE(f.agentReceived.size(), 4); // hello_reply, challenge, auth_result, browse
    QVERIFY(std::holds_alternative<BrowseRequest>(f.agentReceived.last().second));
    QCOMPARE(f.agentReceived.last().first, 1u);
}

void tst_Connection::enrollsAndReceivesSecret()
{
    Fixture f;
    f.enrollToken = u"good-token"_s;
    f.secret.clear();
    QVERIFY(f.open(options(Role::Agent), options(Role::Server)));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QCOMPARE(f.secret.size(), SecretBytes);
    QCOMPARE(f.secret, f.serverSecret);
    QVERIFY(f.server->isReady());
}

void tst_Connection::refusesWrongSecret()
{
    Fixture f;
    f.serverSecret = QByteArray(SecretBytes, 'x');
    QVERIFY(f.open(options(Role::Agent), options(Role::Server)));
    QSignalSpy agentClosed(f.agent.get(), &Connection::closed);
    QTRY_COMPARE(agentClosed.size(), 1);
    const auto reason = agentClosed.first().first().value<Error>();
    QCOMPARE(reason.code(), ErrorCode::Unauthorized);
    QVERIFY2(reason.message().startsWith(u"closed by the peer: authentication failed"_s), qPrintable(reason.message()));
    QVERIFY(f.server->isClosed());
    QVERIFY(!f.agent->isReady());
}

void tst_Connection::refusesUnknownEnrollmentToken()
{
    Fixture f;
    f.enrollToken = u"stolen-token"_s;
    QVERIFY(f.open(options(Role::Agent), options(Role::Server)));
    QSignalSpy agentClosed(f.agent.get(), &Connection::closed);
    QTRY_COMPARE(agentClosed.size(), 1);
    QCOMPARE(agentClosed.first().first().value<Error>().code(), ErrorCode::Unauthorized);
    QCOMPARE(f.server->closeReason()->message(), u"unknown enrollment token"_s);
}

void tst_Connection::closesOnVersionMismatch()
{
    Fixture f;
    auto agentOptions = options(Role::Agent);
    agentOptions.minVersion = agentOptions.maxVersion = 2;
    QVERIFY(f.open(agentOptions, options(Role::Server)));
    QSignalSpy agentClosed(f.agent.get(), &Connection::closed);
    QSignalSpy serverClosed(f.server.get(), &Connection::closed);
    QTRY_COMPARE(serverClosed.size(), 1);
    QTRY_COMPARE(agentClosed.size(), 1);
    QCOMPARE(serverClosed.first().first().value<Error>().code(), ErrorCode::Unsupported);
    const auto reason = agentClosed.first().first().value<Error>();
    QCOMPARE(reason.code(), ErrorCode::Unsupported);
    QVERIFY2(reason.message().contains(u"no common protocol version"_s), qPrintable(reason.message()));
}

void tst_Connection::transfersChunksWithinTheWindow()
{
    Fixture f;
    QVERIFY(f.open(options(Role::Agent), options(Role::Server)));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QVERIFY_RESULT(f.server->send(1, backupStart(7)));
    QTRY_COMPARE(f.agentReceived.size(), 4);

    // The agent sends 12 blobs of 3 MiB through a 16 MiB window; the server consumes each
    // one later, on the event loop, so the agent must wait for credit.
    const int count = 12;
    const qsizetype size = 3 * 1024 * 1024;
    QList<QByteArray> sent;
    for (int i = 0; i < count; ++i)
        sent.append(Test::randomBytes(size, quint64(i + 1)));
    QList<QByteArray> received;
    qint64 maxUnconsumed = 0;
    qint64 unconsumed = 0;
    QObject::connect(f.server.get(), &Connection::chunkReceived, f.server.get(),
                     [&](quint32 stream, const ChunkData &header, const QByteArray &stored) {
                         QCOMPARE(stream, 1u);
                         QCOMPARE(header.storedLength, stored.size());
                         received.append(stored);
                         unconsumed += stored.size();
                         maxUnconsumed = qMax(maxUnconsumed, unconsumed);
                         QTimer::singleShot(5, f.server.get(), [&, bytes = stored.size()] {
                             unconsumed -= bytes;
                             QVERIFY_RESULT(f.server->consumeData(bytes));
                         });
                     });
    int next = 0;
    int refusals = 0;
    auto pump = [&] {
        while (next < count) {
            const ChunkData header{QByteArray(ChunkIdBytes, char('a' + next)), BlobKind::Data, size, Compression::None, size};
            const Status status = f.agent->sendChunk(1, header, sent.at(next));
            if (!status) {
                QCOMPARE(status.error().code(), ErrorCode::Conflict);
                ++refusals;
                return;
            }
            QVERIFY(f.agent->sendCreditBytes() >= 0);
            ++next;
        }
    };
    QObject::connect(f.agent.get(), &Connection::sendCreditAvailable, f.agent.get(), pump);
    pump();
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), count, 20000);
    QCOMPARE(received, sent);
    QVERIFY(refusals > 0);
    QVERIFY(maxUnconsumed <= MinReceiveWindowBytes);
    QTRY_COMPARE(f.agent->sendCreditBytes(), MinReceiveWindowBytes);
    QVERIFY(!f.agent->isClosed());
    QVERIFY(!f.server->isClosed());
}

void tst_Connection::refusesChunkWhenWindowIsFull()
{
    Fixture f;
    QVERIFY(f.open(options(Role::Agent), options(Role::Server)));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QVERIFY_RESULT(f.server->send(1, backupStart(7)));
    QTRY_COMPARE(f.agentReceived.size(), 4);
    const qsizetype size = MaxDataPayloadBytes;
    const ChunkData header{QByteArray(ChunkIdBytes, 'a'), BlobKind::Data, size, Compression::None, size};
    QVERIFY_RESULT(f.agent->sendChunk(1, header, QByteArray(size, 'x')));
    QCOMPARE(f.agent->sendCreditBytes(), 0);
    const Status full = f.agent->sendChunk(1, ChunkData{QByteArray(ChunkIdBytes, 'b'), BlobKind::Data, 1, Compression::None, 1}, "y"_ba);
    QVERIFY(!full);
    QCOMPARE(full.error().code(), ErrorCode::Conflict);
    QVERIFY(full.error().retryable());
    const Status mismatch = f.agent->sendChunk(1, ChunkData{QByteArray(ChunkIdBytes, 'c'), BlobKind::Data, 2, Compression::None, 2}, "y"_ba);
    QCOMPARE(mismatch.error().code(), ErrorCode::InvalidArgument);
    // Credit is the connection's business.
    QCOMPARE(f.agent->send(0, ChunkAck{1}).error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(f.agent->consumeData(1).error().code(), ErrorCode::InvalidArgument);
    QVERIFY(!f.agent->isClosed());
}

// An open connection with a backup stream 1, the server's window so large that it is not what
// stops the agent, and the agent's write backlog probed on its socket with `limit`.
static void openStreamWithBacklog(Fixture &f, qint64 limit)
{
    Connection::Options serverOptions = options(Role::Server);
    serverOptions.receiveWindowBytes = MaxReceiveWindowBytes;
    QVERIFY(f.open(options(Role::Agent), serverOptions));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QVERIFY_RESULT(f.server->send(1, backupStart(7)));
    QTRY_COMPARE(f.agentReceived.size(), 4);
    QLocalSocket *socket = &f.sockets.client;
    f.agent->setWriteBacklog([socket] { return socket->bytesToWrite(); }, limit);
    QObject::connect(socket, &QLocalSocket::bytesWritten, f.agent.get(), &Connection::onBytesWritten);
}

// The backlog limit may be smaller than the largest chunk: a chunk is sent whenever the backlog
// is under the limit, so it never waits for room that cannot come.
void tst_Connection::sendsChunksLargerThanTheBacklogLimit()
{
    Fixture f;
    const qint64 limit = 1024 * 1024; // 1/16 of the chunks sent
    openStreamWithBacklog(f, limit);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy credit(f.agent.get(), &Connection::sendCreditAvailable);
    for (int sent = 0; sent < 2; ++sent) {
        const qsizetype size = MaxDataPayloadBytes;
        QVERIFY(f.agent->sendCreditBytes() >= size);
        const ChunkData header{QByteArray(ChunkIdBytes, char('k' + sent)), BlobKind::Data, size, Compression::None, size};
        QVERIFY_RESULT(f.agent->sendChunk(1, header, QByteArray(size, 'y')));
        // Now far over the limit: held until the socket has written most of it out.
        QCOMPARE(f.agent->sendCreditBytes(), 0);
        QTRY_VERIFY(credit.size() >= sent + 1);
        QVERIFY(f.sockets.client.bytesToWrite() <= limit / 2);
    }
    QVERIFY(!f.agent->isClosed());
}

void tst_Connection::holdsCreditWhileWriteBacklogIsFull()
{
    Fixture f;
    // The probe is the real socket's buffer: nothing drains it while this test does not return
    // to the event loop, so it fills up like a slow link.
    const qint64 limit = 2 * MaxDataPayloadBytes;
    openStreamWithBacklog(f, limit);
    if (QTest::currentTestFailed())
        return;
    QLocalSocket *socket = &f.sockets.client;
    QSignalSpy credit(f.agent.get(), &Connection::sendCreditAvailable);
    const qsizetype size = MaxDataPayloadBytes;
    int sent = 0;
    while (f.agent->sendCreditBytes() >= size && sent < 10) {
        const ChunkData header{QByteArray(ChunkIdBytes, char('a' + sent)), BlobKind::Data, size, Compression::None, size};
        QVERIFY_RESULT(f.agent->sendChunk(1, header, QByteArray(size, 'x')));
        ++sent;
    }
    QVERIFY2(sent >= 2 && sent < 10, qPrintable(u"sent %1 chunks before the backlog held them"_s.arg(sent)));
    QCOMPARE(f.agent->sendCreditBytes(), 0);
    QVERIFY(socket->bytesToWrite() > limit);
    // Once the socket has written its buffer out, credit comes back with the signal.
    QTRY_VERIFY(credit.size() >= 1);
    QVERIFY(socket->bytesToWrite() <= limit / 2);
    QVERIFY(f.agent->sendCreditBytes() >= size);
    QVERIFY(!f.agent->isClosed());
}

// What kura-agent and kura-server do to their sockets (attachTlsSocket), on a QSslSocket in its
// unencrypted mode: TCP_NODELAY and the flush after a Data frame are the TCP socket's business.
void tst_Connection::attachTlsSocketSetsUpTheTcpSocket()
{
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    QSslSocket client;
    client.connectToHost(listener.serverAddress(), listener.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(listener.waitForNewConnection(5000));
    QTcpSocket *accepted = listener.nextPendingConnection();
    QVERIFY(accepted);
    Fixture f;
    Connection::Options serverOptions = options(Role::Server);
    serverOptions.receiveWindowBytes = MaxReceiveWindowBytes;
    QVERIFY(f.openOver(&client, accepted, options(Role::Agent), serverOptions));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QVERIFY_RESULT(f.server->send(1, backupStart(7)));
    QTRY_COMPARE(f.agentReceived.size(), 4);
    QSignalSpy chunks(f.server.get(), &Connection::chunkReceived);
    const auto chunk = [](char id) {
        const qsizetype size = 1000;
        return std::make_pair(ChunkData{QByteArray(ChunkIdBytes, id), BlobKind::Data, size, Compression::None, size},
                              QByteArray(size, id));
    };

    // As it comes: Nagle's algorithm on, and a chunk waits in the socket's buffer for the
    // event loop.
    QCOMPARE(client.socketOption(QAbstractSocket::LowDelayOption).toInt(), 0);
    const auto [firstHeader, first] = chunk('a');
    QVERIFY_RESULT(f.agent->sendChunk(1, firstHeader, first));
    QVERIFY(client.bytesToWrite() > first.size());
    QTRY_COMPARE(chunks.size(), 1);

    attachTlsSocket(*f.agent, client);
    QCOMPARE(client.socketOption(QAbstractSocket::LowDelayOption).toInt(), 1);
    const auto [secondHeader, second] = chunk('b');
    QVERIFY_RESULT(f.agent->sendChunk(1, secondHeader, second));
    QCOMPARE(client.bytesToWrite() + client.encryptedBytesToWrite(), 0); // handed to the kernel
    QTRY_COMPARE(chunks.size(), 2);
    QCOMPARE(chunks.at(1).at(2).toByteArray(), second);
    QVERIFY(!f.agent->isClosed());
    QVERIFY(!f.server->isClosed());
}

void tst_Connection::dropsGarbage_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    const QByteArray hello = frameBytes(0, Hello{1, 1, Role::Agent, u"x"_s, MinReceiveWindowBytes});
    QTest::newRow("random bytes") << Test::randomBytes(4096, 11).replace(0, 1, "Z") << u"bad magic"_s;
    QTest::newRow("http request") << "GET / HTTP/1.1\r\n\r\n"_ba << u"bad magic 0x4745"_s;
    QTest::newRow("oversized frame") << *FrameEncoder::encodeHeader(FrameType::Data, 1, MaxDataPayloadBytes)
                                            .map([](QByteArray h) { h[12] = char(0x7f); return h; })
                                     << u"above the limit"_s;
    QTest::newRow("undecodable control payload")
        << *FrameEncoder::encode(Frame{FrameType::Control, 0, "\xff\xff\xff"_ba}) << u"not valid CBOR"_s;
    QTest::newRow("hello with a bad field")
        << *FrameEncoder::encode(Frame{FrameType::Control, 0, QCborValue(QCborMap{{u"t"_s, u"hello"_s}, {u"minVersion"_s, u"one"_s}}).toCbor()})
        << u"hello: field \"minVersion\" is not an integer"_s;
    QTest::newRow("data frame without chunk_data") << hello + *FrameEncoder::encode(Frame{FrameType::Data, 1, "abc"_ba})
                                                   << u"without chunk_data"_s;
    QTest::newRow("job progress before authentication") << hello + frameBytes(1, JobProgress{})
                                                        << u"before authentication"_s;
    QTest::newRow("server message from the agent") << frameBytes(0, HelloReply{1, u"x"_s, MinReceiveWindowBytes})
                                                   << u"hello_reply sent by the agent"_s;
    QTest::newRow("hello of a server") << frameBytes(0, Hello{1, 1, Role::Server, u"x"_s, MinReceiveWindowBytes})
                                       << u"hello from a peer in role \"server\""_s;
}

// A raw client writes bytes to a server connection, which must drop it with the reason.
void tst_Connection::dropsGarbage()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    SocketPair sockets;
    QVERIFY(sockets.open());
    Connection server(sockets.accepted, options(Role::Server));
    QSignalSpy closed(&server, &Connection::closed);
    server.start();
    sockets.client.write(bytes);
    QTRY_COMPARE(closed.size(), 1);
    const auto reason = closed.first().first().value<Error>();
    QCOMPARE(reason.code(), ErrorCode::Corrupt);
    QVERIFY2(reason.message().contains(expected), qPrintable(reason.message()));
    // The client learns why, then sees the connection end.
    QByteArray fromServer;
    QTRY_VERIFY((fromServer += sockets.client.readAll(),
                 sockets.client.state() == QLocalSocket::UnconnectedState));
    fromServer += sockets.client.readAll();
    FrameDecoder decoder;
    QVERIFY_RESULT(decoder.feed(fromServer));
    QList<ErrorMessage> errors;
    while (auto frame = decoder.takeFrame()) {
        auto message = decodeMessage(frame->payload);
        QVERIFY_RESULT(message);
        if (auto *error = std::get_if<ErrorMessage>(&*message))
            errors.append(*error);
    }
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().code, ErrorCode::Corrupt);
    QCOMPARE(errors.first().message, reason.message());
}

void tst_Connection::dropsWindowOverrun()
{
    Fixture f;
    QVERIFY(f.open(options(Role::Agent), options(Role::Server)));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QVERIFY_RESULT(f.server->send(1, backupStart(7)));
    QTRY_COMPARE(f.agentReceived.size(), 4);
    QSignalSpy serverClosed(f.server.get(), &Connection::closed);
    // A misbehaving agent writes past its connection: two full-size blobs into a 16 MiB window.
    const qsizetype size = MaxDataPayloadBytes;
    const ChunkData header{QByteArray(ChunkIdBytes, 'a'), BlobKind::Data, size, Compression::None, size};
    const QByteArray data = *FrameEncoder::encode(Frame{FrameType::Data, 1, QByteArray(size, 'x')});
    f.sockets.client.write(frameBytes(1, header) + data + frameBytes(1, header) + data);
    QTRY_COMPARE_WITH_TIMEOUT(serverClosed.size(), 1, 20000);
    const auto reason = serverClosed.first().first().value<Error>();
    QCOMPARE(reason.code(), ErrorCode::Corrupt);
    QVERIFY2(reason.message().contains(u"exceeded the receive window"_s), qPrintable(reason.message()));
}

void tst_Connection::detectsHeartbeatTimeout()
{
    Test::ManualClock clock;
    Fixture f;
    QVERIFY(f.open(options(Role::Agent, &clock), options(Role::Server, &clock)));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    QSignalSpy serverClosed(f.server.get(), &Connection::closed);
    clock.advanceMs(35000);
    f.server->tick();
    QCOMPARE(serverClosed.size(), 0); // exactly at the timeout: still alive
    clock.advanceMs(1);
    f.server->tick();
    QCOMPARE(serverClosed.size(), 1);
    const auto reason = serverClosed.first().first().value<Error>();
    QCOMPARE(reason.code(), ErrorCode::Unavailable);
    QVERIFY(reason.message().contains(u"heartbeat timeout: nothing received for 35001 ms"_s));
    QSignalSpy agentClosed(f.agent.get(), &Connection::closed);
    QTRY_COMPARE(agentClosed.size(), 1);
    QCOMPARE(agentClosed.first().first().value<Error>().code(), ErrorCode::Unavailable);
}

void tst_Connection::heartbeatsKeepAnIdleConnectionAlive()
{
    Test::ManualClock clock;
    Fixture f;
    QVERIFY(f.open(options(Role::Agent, &clock), options(Role::Server, &clock)));
    QSignalSpy agentReady(f.agent.get(), &Connection::ready);
    QTRY_COMPARE(agentReady.size(), 1);
    for (int round = 0; round < 5; ++round) {
        clock.advanceMs(20000); // past the 10 s interval, below the 35 s timeout
        f.agent->tick();
        f.server->tick();
        QTRY_COMPARE(f.server->lastReceivedMs(), clock.nowMs());
        QTRY_COMPARE(f.agent->lastReceivedMs(), clock.nowMs());
    }
    QVERIFY(!f.agent->isClosed());
    QVERIFY(!f.server->isClosed());
    // Heartbeats are handled inside the connection, not emitted.
    for (const auto &[stream, message] : f.serverReceived)
        QVERIFY(!std::holds_alternative<Heartbeat>(message));
}

void tst_Connection::reportsPeerClosing()
{
    SocketPair sockets;
    QVERIFY(sockets.open());
    Connection server(sockets.accepted, options(Role::Server));
    QSignalSpy closed(&server, &Connection::closed);
    server.start();
    sockets.client.write(frameBytes(0, Hello{1, 1, Role::Agent, u"x"_s, MinReceiveWindowBytes}));
    sockets.client.flush();
    sockets.client.disconnectFromServer();
    QTRY_COMPARE(closed.size(), 1);
    const auto reason = closed.first().first().value<Error>();
    QCOMPARE(reason.code(), ErrorCode::Unavailable);
    QCOMPARE(reason.message(), u"the peer closed the connection"_s);
    QCOMPARE(server.negotiatedVersion(), 1); // the hello before the close was still handled
}

QTEST_GUILESS_MAIN(tst_Connection)
#include "tst_connection.moc"
