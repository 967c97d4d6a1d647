#include <protocol/session.h>

#include <testsupport.h>

#include <QTest>

using namespace Kura;
using namespace Kura::Protocol;
using namespace Qt::StringLiterals;

namespace {

// Plays a handshake on both ends: each message is sent by one and received by the other.
struct Pair
{
    Session agent{Role::Agent};
    Session server{Role::Server};

    Status fromAgent(quint32 stream, MessageType type)
    {
        KURA_TRY(agent.onSend(stream, type));
        auto received = server.onReceive(stream, type);
        if (!received)
            return fail(received.error());
        return {};
    }
    Status fromServer(quint32 stream, MessageType type)
    {
        KURA_TRY(server.onSend(stream, type));
        auto received = agent.onReceive(stream, type);
        if (!received)
            return fail(received.error());
        return {};
    }
    Status handshake(MessageType credentials = MessageType::AuthResponse)
    {
        KURA_TRY(fromAgent(0, MessageType::Hello));
        KURA_TRY(fromServer(0, MessageType::HelloReply));
        KURA_TRY(fromServer(0, MessageType::AuthChallenge));
        KURA_TRY(fromAgent(0, credentials));
        return fromServer(0, credentials == MessageType::Enroll ? MessageType::EnrollResult
                                                                : MessageType::AuthResult);
    }
};

} // namespace

class tst_Session : public QObject
{
    Q_OBJECT

private slots:
    void negotiatesVersion_data();
    void negotiatesVersion();
    void completesHandshakeBothWays_data();
    void completesHandshakeBothWays();
    void rejectsMessagesBeforeAuthentication_data();
    void rejectsMessagesBeforeAuthentication();
    void rejectsWrongSenderOrStream_data();
    void rejectsWrongSenderOrStream();
    void refusesOutgoingOutOfOrderAsConflict();
    void tracksStreams();
    void discardsLateMessagesOnClosedStreams();
    void rejectsReusedAndUnopenedStreams();
    void limitsOpenStreams();
    void stopsDataAfterCancel();
    void errorOnStreamZeroCloses();
};

void tst_Session::negotiatesVersion_data()
{
    QTest::addColumn<int>("ourMin");
    QTest::addColumn<int>("ourMax");
    QTest::addColumn<int>("theirMin");
    QTest::addColumn<int>("theirMax");
    QTest::addColumn<int>("expected"); // 0: no common version
    QTest::newRow("same single version") << 1 << 1 << 1 << 1 << 1;
    QTest::newRow("peer newer, overlap") << 1 << 3 << 2 << 5 << 3;
    QTest::newRow("peer older, overlap") << 2 << 5 << 1 << 3 << 3;
    QTest::newRow("peer entirely newer") << 1 << 2 << 3 << 4 << 0;
    QTest::newRow("peer entirely older") << 3 << 4 << 1 << 2 << 0;
    QTest::newRow("peer range inverted") << 1 << 5 << 4 << 2 << 0;
}

void tst_Session::negotiatesVersion()
{
    QFETCH(int, ourMin);
    QFETCH(int, ourMax);
    QFETCH(int, theirMin);
    QFETCH(int, theirMax);
    QFETCH(int, expected);
    const auto version = negotiateVersion(ourMin, ourMax, theirMin, theirMax);
    if (expected == 0) {
        QVERIFY(!version);
        QCOMPARE(version.error().code(), ErrorCode::Unsupported);
    } else {
        QVERIFY_RESULT(version);
        QCOMPARE(*version, expected);
    }
}

void tst_Session::completesHandshakeBothWays_data()
{
    QTest::addColumn<MessageType>("credentials");
    QTest::newRow("authentication") << MessageType::AuthResponse;
    QTest::newRow("enrollment") << MessageType::Enroll;
}

void tst_Session::completesHandshakeBothWays()
{
    QFETCH(MessageType, credentials);
    Pair pair;
    QCOMPARE(pair.agent.state(), SessionState::AwaitHello);
    QVERIFY_RESULT(pair.handshake(credentials));
    QVERIFY(pair.agent.isReady());
    QVERIFY(pair.server.isReady());
    QVERIFY_RESULT(pair.fromAgent(0, MessageType::HostFacts));
    QVERIFY_RESULT(pair.fromServer(1, MessageType::JobStart));
}

void tst_Session::rejectsMessagesBeforeAuthentication_data()
{
    QTest::addColumn<int>("handshakeSteps"); // messages of the handshake exchanged first
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<quint32>("stream");
    QTest::newRow("job-start as first message") << 0 << MessageType::JobStart << quint32(1);
    QTest::newRow("heartbeat before hello") << 0 << MessageType::Heartbeat << quint32(0);
    QTest::newRow("job-start after hello") << 1 << MessageType::JobStart << quint32(1);
    QTest::newRow("auth-result without challenge") << 2 << MessageType::AuthResult << quint32(0);
    QTest::newRow("browse-request while awaiting credentials") << 3 << MessageType::BrowseRequest << quint32(1);
    QTest::newRow("restore-start while the server decides") << 4 << MessageType::RestoreStart << quint32(1);
    QTest::newRow("second hello") << 1 << MessageType::Hello << quint32(0);
    QTest::newRow("hello after the handshake") << 5 << MessageType::Hello << quint32(0);
}

// The agent receives a server message (or a replayed hello) out of order.
void tst_Session::rejectsMessagesBeforeAuthentication()
{
    QFETCH(int, handshakeSteps);
    QFETCH(MessageType, type);
    QFETCH(quint32, stream);
    const QList<std::pair<Role, MessageType>> steps{
        {Role::Agent, MessageType::Hello},           {Role::Server, MessageType::HelloReply},
        {Role::Server, MessageType::AuthChallenge},  {Role::Agent, MessageType::AuthResponse},
        {Role::Server, MessageType::AuthResult}};
    Pair pair;
    for (int i = 0; i < handshakeSteps; ++i) {
        const auto [sender, step] = steps.at(i);
        QVERIFY_RESULT(sender == Role::Agent ? pair.fromAgent(0, step) : pair.fromServer(0, step));
    }
    Session &receiver = type == MessageType::Hello ? pair.server : pair.agent;
    const auto result = receiver.onReceive(stream, type);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Corrupt);
    QVERIFY2(result.error().message().startsWith(u"protocol violation: "_s), qPrintable(result.error().message()));
}

void tst_Session::rejectsWrongSenderOrStream_data()
{
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<quint32>("stream");
    QTest::addColumn<QString>("expected");
    // Received by the server after the handshake, with backup stream 1 open.
    QTest::newRow("job-start from the agent") << MessageType::JobStart << quint32(2) << u"sent by the agent"_s;
    QTest::newRow("cancel from the agent") << MessageType::Cancel << quint32(1) << u"sent by the agent"_s;
    QTest::newRow("host-facts on a stream") << MessageType::HostFacts << quint32(1) << u"belongs on stream 0"_s;
    QTest::newRow("job-progress on stream 0") << MessageType::JobProgress << quint32(0) << u"needs a request stream"_s;
    QTest::newRow("browse-reply on a backup stream") << MessageType::BrowseReply << quint32(1)
                                                    << u"does not belong on stream 1"_s;
    QTest::newRow("job-progress on a never opened stream") << MessageType::JobProgress << quint32(9)
                                                          << u"never opened"_s;
}

void tst_Session::rejectsWrongSenderOrStream()
{
    QFETCH(MessageType, type);
    QFETCH(quint32, stream);
    QFETCH(QString, expected);
    Pair pair;
    QVERIFY_RESULT(pair.handshake());
    QVERIFY_RESULT(pair.fromServer(1, MessageType::JobStart));
    const auto result = pair.server.onReceive(stream, type);
    QVERIFY(!result);
    QCOMPARE(result.error().code(), ErrorCode::Corrupt);
    QVERIFY2(result.error().message().contains(expected), qPrintable(result.error().message()));
}

void tst_Session::refusesOutgoingOutOfOrderAsConflict()
{
    Session server(Role::Server);
    const Status status = server.onSend(1, MessageType::JobStart);
    QVERIFY(!status);
    QCOMPARE(status.error().code(), ErrorCode::Conflict);
    QCOMPARE(server.state(), SessionState::AwaitHello);
    QCOMPARE(server.openStreamCount(), 0);
}

void tst_Session::tracksStreams()
{
    Pair pair;
    QVERIFY_RESULT(pair.handshake());
    QVERIFY_RESULT(pair.fromServer(1, MessageType::JobStart));
    QVERIFY_RESULT(pair.fromServer(2, MessageType::BrowseRequest));
    QVERIFY_RESULT(pair.fromServer(5, MessageType::RestoreStart));
    QCOMPARE(pair.server.openStreamCount(), 3);
    QVERIFY_RESULT(pair.fromAgent(1, MessageType::MissingChunksQuery));
    QVERIFY_RESULT(pair.fromServer(1, MessageType::MissingChunksReply));
    QVERIFY_RESULT(pair.fromAgent(1, MessageType::ChunkData));
    QVERIFY_RESULT(pair.fromServer(5, MessageType::ChunkData));
    QVERIFY(!pair.fromAgent(5, MessageType::ChunkData)); // restore data flows server -> agent
    QVERIFY(!pair.fromAgent(5, MessageType::MissingChunksQuery));
    QVERIFY_RESULT(pair.fromAgent(2, MessageType::BrowseReply));
    QVERIFY_RESULT(pair.fromAgent(1, MessageType::JobFinished));
    QVERIFY_RESULT(pair.fromAgent(5, MessageType::Error));
    QCOMPARE(pair.server.openStreamCount(), 0);
    QCOMPARE(pair.agent.openStreamCount(), 0);
}

void tst_Session::discardsLateMessagesOnClosedStreams()
{
    Pair pair;
    QVERIFY_RESULT(pair.handshake());
    QVERIFY_RESULT(pair.fromServer(1, MessageType::JobStart));
    // The agent finishes while the server's Cancel is on the wire.
    QVERIFY_RESULT(pair.agent.onSend(1, MessageType::JobFinished));
    QVERIFY_RESULT(pair.server.onSend(1, MessageType::Cancel));
    const auto late = pair.agent.onReceive(1, MessageType::Cancel);
    QVERIFY_RESULT(late);
    QCOMPARE(*late, Disposition::Discard);
    const auto finished = pair.server.onReceive(1, MessageType::JobFinished);
    QVERIFY_RESULT(finished);
    QCOMPARE(*finished, Disposition::Deliver);
    // Sending on the closed stream is the local caller's mistake.
    const Status again = pair.server.onSend(1, MessageType::Cancel);
    QVERIFY(!again);
    QCOMPARE(again.error().code(), ErrorCode::Conflict);
}

void tst_Session::rejectsReusedAndUnopenedStreams()
{
    Pair pair;
    QVERIFY_RESULT(pair.handshake());
    QVERIFY_RESULT(pair.fromServer(4, MessageType::JobStart));
    QVERIFY_RESULT(pair.fromAgent(4, MessageType::JobFinished));
    auto reused = pair.agent.onReceive(4, MessageType::BrowseRequest);
    QVERIFY(!reused);
    QVERIFY(reused.error().message().contains(u"reuses stream 4"_s));
    auto lower = pair.agent.onReceive(3, MessageType::JobStart);
    QVERIFY(!lower);
}

void tst_Session::limitsOpenStreams()
{
    Pair pair;
    QVERIFY_RESULT(pair.handshake());
    for (quint32 stream = 1; stream <= quint32(Session::MaxOpenStreams); ++stream)
        QVERIFY_RESULT(pair.server.onSend(stream, MessageType::BrowseRequest));
    for (quint32 stream = 1; stream <= quint32(Session::MaxOpenStreams); ++stream)
        QVERIFY_RESULT(pair.agent.onReceive(stream, MessageType::BrowseRequest));
    const auto tooMany = pair.agent.onReceive(Session::MaxOpenStreams + 1, MessageType::BrowseRequest);
    QVERIFY(!tooMany);
    QVERIFY(tooMany.error().message().contains(u"more than 64 streams"_s));
}

void tst_Session::stopsDataAfterCancel()
{
    Pair pair;
    QVERIFY_RESULT(pair.handshake());
    QVERIFY_RESULT(pair.fromServer(1, MessageType::JobStart));
    // A chunk sent before the cancel arrived is still accepted by the server.
    QVERIFY_RESULT(pair.agent.onSend(1, MessageType::ChunkData));
    QVERIFY_RESULT(pair.fromServer(1, MessageType::Cancel));
    QVERIFY_RESULT(pair.server.onReceive(1, MessageType::ChunkData));
    QVERIFY(pair.agent.isStreamCancelled(1));
    const Status more = pair.agent.onSend(1, MessageType::ChunkData);
    QVERIFY(!more);
    QCOMPARE(more.error().code(), ErrorCode::Conflict);
    QVERIFY(!pair.agent.onSend(1, MessageType::MissingChunksQuery));
    QVERIFY_RESULT(pair.fromAgent(1, MessageType::JobProgress));
    QVERIFY_RESULT(pair.fromAgent(1, MessageType::JobFinished));
    QVERIFY(!pair.server.isStreamOpen(1));
}

void tst_Session::errorOnStreamZeroCloses()
{
    Pair pair;
    QVERIFY_RESULT(pair.fromAgent(0, MessageType::Hello));
    QVERIFY_RESULT(pair.fromServer(0, MessageType::Error));
    QCOMPARE(pair.agent.state(), SessionState::Closed);
    QCOMPARE(pair.server.state(), SessionState::Closed);
    QVERIFY(!pair.agent.onReceive(0, MessageType::Heartbeat));
}

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
