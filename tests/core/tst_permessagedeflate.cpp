// SPDX-License-Identifier: MIT
// permessage-deflate (RFC 7692) as the connection negotiates and reads it, against a server that
// writes its frames by hand: offered, accepted, declined, switched off; compressed messages of
// every frame-length class, fragmented ones and plain ones between them; a stream that does not
// inflate; and the handshake's HTTP status and {"detail"} when the server refuses.
#include "core/connection/websocketconnection.h"
#include "support/fastconnectionoptions.h"
#include "support/hostileserver.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace allium;

namespace {

QUrl streamUrl(const HostileServer &server)
{
    QUrl url = server.baseUrl();
    url.setPath(QStringLiteral("/api/v1/developer/ws/stream"));
    url.setQuery(QStringLiteral("topic=ethereum.blocks"));
    return url;
}

ConnectionOptions options(TransportKind transport = TransportKind::Beast)
{
    ConnectionOptions result = fastConnectionOptions();
    result.transport = transport;
    return result;
}

// Text that deflate cannot shrink much (so the compressed frame keeps the length class of its
// size), and valid UTF-8: base64 of random bytes inside a JSON string.
QByteArray incompressibleJson(int bytes)
{
    QByteArray random(bytes * 3 / 4, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char &byte : random)
        byte = char(generator.bounded(256));
    return "{\"blob\":\"" + random.toBase64() + "\"}";
}

// A connection to the server's stream endpoint, not yet opened, and what it received.
struct Client
{
    explicit Client(const HostileServer &server, const ConnectionOptions &connectionOptions)
        : texts(&connection, &WebSocketConnection::textReceived)
    {
        connection.setUrl(streamUrl(server));
        connection.setOptions(connectionOptions);
    }

    WebSocketConnection connection;
    QSignalSpy texts;
};

bool offersDeflate(const QByteArray &head)
{
    return head.toLower().contains("sec-websocket-extensions: permessage-deflate");
}

} // namespace

class TestPermessageDeflate : public QObject
{
    Q_OBJECT

private slots:
    void compressedMessagesArriveWhole_data();
    void compressedMessagesArriveWhole();
    void compressedAndPlainMessagesMix();
    void declinedOfferGivesPlainFrames();
    void switchedOffOffersNothing_data();
    void switchedOffOffersNothing();
    void corruptStreamFailsWithAReasonAndReconnects();
    void refusedKeyShowsStatusAndDetail_data();
    void refusedKeyShowsStatusAndDetail();
    void strictServerIsRetriedWithoutTheOffer();
};

// The frame payload lengths RFC 6455 encodes three ways (7-bit, 16-bit, 64-bit), whole and
// fragmented (RSV1 on the first fragment only).
void TestPermessageDeflate::compressedMessagesArriveWhole_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("fragments");
    QTest::newRow("tiny, 7-bit") << QByteArray(R"({"number":1})") << 1;
    QTest::newRow("16-bit length") << incompressibleJson(4000) << 1;
    QTest::newRow("64-bit length") << incompressibleJson(300000) << 1;
    QTest::newRow("fragmented in 2") << QByteArray(R"({"number":2,"hash":"0xabcdef"})") << 2;
    QTest::newRow("fragmented in 7, 64-bit") << incompressibleJson(200000) << 7;
    QTest::newRow("repetitive, 1 MiB") << ("[" + QByteArray(1024 * 1024, '1') + "]") << 3;
}

void TestPermessageDeflate::compressedMessagesArriveWhole()
{
    QFETCH(QByteArray, message);
    QFETCH(int, fragments);
    HostileServer server;
    server.setAcceptDeflate(true);
    server.setScript(HostileServer::deflatedTextFrames(message, fragments));
    QVERIFY(server.listen());
    Client client(server, options());
    WebSocketConnection &connection = client.connection;
    QSignalSpy &texts = client.texts;
    connection.open();
    QVERIFY(texts.wait(10000));
    QCOMPARE(texts.at(0).at(0).toByteArray(), message);
    QVERIFY(offersDeflate(server.lastRequestHead()));
    const TransportTraffic traffic = connection.traffic();
    QVERIFY(traffic.compression);
    QCOMPARE(traffic.decodedBytesIn, quint64(message.size()));
    // The wire carried the compressed frames (and the 101 response), not the message itself.
    if (message.size() > 500000)
        QVERIFY2(traffic.wireBytesIn * 50 < traffic.decodedBytesIn,
                 qPrintable(QStringLiteral("wire %1, decoded %2")
                                .arg(traffic.wireBytesIn)
                                .arg(traffic.decodedBytesIn)));
    QCOMPARE(connection.state(), ConnectionState::Connected);
}

// Compression is per message: a server may send some messages plain on a compressed connection.
void TestPermessageDeflate::compressedAndPlainMessagesMix()
{
    HostileServer server;
    server.setAcceptDeflate(true);
    QList<QByteArray> script;
    QList<QByteArray> expected;
    for (int i = 0; i < 30; ++i) {
        const QByteArray message = R"({"number":)" + QByteArray::number(i) + R"(,"miner":"0x00")" +
                                   QByteArray(i * 40, 'a') + "\"}";
        expected << message;
        if (i % 3 == 0)
            script << HostileServer::textFrame(message);
        else
            script << HostileServer::deflatedTextFrames(message, 1 + i % 4);
    }
    server.setScript(script);
    QVERIFY(server.listen());
    Client client(server, options());
    WebSocketConnection &connection = client.connection;
    QSignalSpy &texts = client.texts;
    connection.open();
    QTRY_COMPARE_WITH_TIMEOUT(texts.size(), expected.size(), 10000);
    for (int i = 0; i < expected.size(); ++i)
        QCOMPARE(texts.at(i).at(0).toByteArray(), expected.at(i));
    QVERIFY(connection.traffic().compression);
}

// A server that does not answer the offer: frames are plain, and the readout says so.
void TestPermessageDeflate::declinedOfferGivesPlainFrames()
{
    HostileServer server;
    server.setScript({HostileServer::textFrame(R"({"number":7})")});
    QVERIFY(server.listen());
    Client client(server, options());
    WebSocketConnection &connection = client.connection;
    QSignalSpy &texts = client.texts;
    connection.open();
    QVERIFY(texts.wait(10000));
    QCOMPARE(texts.at(0).at(0).toByteArray(), QByteArray(R"({"number":7})"));
    QVERIFY(offersDeflate(server.lastRequestHead()));
    QVERIFY(!connection.traffic().compression);
}

void TestPermessageDeflate::switchedOffOffersNothing_data()
{
    QTest::addColumn<TransportKind>("transport");
    QTest::addColumn<bool>("compression");
    QTest::newRow("beast, switched off") << TransportKind::Beast << false;
    QTest::newRow("qt, which has no compression") << TransportKind::Qt << true;
}

// Switched off in the profile (or on a transport without it): no offer, plain frames.
void TestPermessageDeflate::switchedOffOffersNothing()
{
    QFETCH(TransportKind, transport);
    QFETCH(bool, compression);
    HostileServer server;
    server.setAcceptDeflate(true);
    server.setScript({HostileServer::textFrame(R"({"number":8})")});
    QVERIFY(server.listen());
    ConnectionOptions connectionOptions = options(transport);
    connectionOptions.compression = compression;
    Client client(server, connectionOptions);
    WebSocketConnection &connection = client.connection;
    QSignalSpy &texts = client.texts;
    connection.open();
    QVERIFY(texts.wait(10000));
    QCOMPARE(texts.at(0).at(0).toByteArray(), QByteArray(R"({"number":8})"));
    QVERIFY(!server.lastRequestHead().isEmpty());
    QVERIFY(!offersDeflate(server.lastRequestHead()));
    QVERIFY(!connection.traffic().compression);
}

// A message that does not inflate ends the connection with a reason that says so; the messages
// before it were delivered, nothing crashes, and the connection comes back.
void TestPermessageDeflate::corruptStreamFailsWithAReasonAndReconnects()
{
    HostileServer server;
    server.setAcceptDeflate(true);
    QList<QByteArray> script = HostileServer::deflatedTextFrames(R"({"number":1})");
    script << HostileServer::corruptDeflatedFrame();
    server.setScript(script);
    QVERIFY(server.listen());
    Client client(server, options());
    WebSocketConnection &connection = client.connection;
    QSignalSpy &texts = client.texts;
    QSignalSpy lost(&connection, &WebSocketConnection::connectionLost);
    connection.open();
    QVERIFY(lost.wait(10000));
    const QString reason = lost.at(0).at(0).toString();
    QVERIFY2(reason.contains(QLatin1String("does not inflate")), qPrintable(reason));
    QCOMPARE(texts.size(), 1);
    QCOMPARE(texts.at(0).at(0).toByteArray(), QByteArray(R"({"number":1})"));
    QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() >= 2, 10000);
}

void TestPermessageDeflate::refusedKeyShowsStatusAndDetail_data()
{
    QTest::addColumn<TransportKind>("transport");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("showsDetail");
    QTest::newRow("beast, 401") << TransportKind::Beast << 401 << true;
    QTest::newRow("beast, 403") << TransportKind::Beast << 403 << true;
    // QtWebSockets hides the body: the status, read from its error text, is all there is.
    QTest::newRow("qt, 401") << TransportKind::Qt << 401 << false;
}

// The handshake's status decides (a refused key is not retried) and the server's own words are
// shown, as text.
void TestPermessageDeflate::refusedKeyShowsStatusAndDetail()
{
    QFETCH(TransportKind, transport);
    QFETCH(int, status);
    QFETCH(bool, showsDetail);
    HostileServer server;
    server.setRefusal(status, R"({"detail":"API key <b>revoked</b> on 2026-11-01"})");
    QVERIFY(server.listen());
    Client client(server, options(transport));
    WebSocketConnection &connection = client.connection;
    QSignalSpy failed(&connection, &WebSocketConnection::failed);
    connection.open();
    QVERIFY(failed.wait(10000));
    const QString reason = failed.at(0).at(0).toString();
    QVERIFY2(reason.contains(QStringLiteral("HTTP %1").arg(status)), qPrintable(reason));
    QCOMPARE(reason.contains(QLatin1String("API key <b>revoked</b> on 2026-11-01")), showsDetail);
    QCOMPARE(connection.state(), ConnectionState::Failed);
    QCOMPARE(server.connectionCount(), 1);
}

// A strict server that refuses the upgrade because of the offer (boostorg/beast#2671): one more
// attempt without it, said in the event log, and the connection works.
void TestPermessageDeflate::strictServerIsRetriedWithoutTheOffer()
{
    HostileServer server;
    server.setRefusal(400, R"({"detail":"unsupported extension parameter"})",
                      /*onlyDeflateOffers=*/true);
    server.setScript({HostileServer::textFrame(R"({"number":9})")});
    QVERIFY(server.listen());
    Client client(server, options());
    WebSocketConnection &connection = client.connection;
    QSignalSpy &texts = client.texts;
    QSignalSpy events(&connection, &WebSocketConnection::eventOccurred);
    QSignalSpy lost(&connection, &WebSocketConnection::connectionLost);
    connection.open();
    QVERIFY(texts.wait(10000));
    QCOMPARE(server.connectionCount(), 2);
    QVERIFY(!offersDeflate(server.lastRequestHead()));
    QCOMPARE(events.size(), 1);
    const QString note = events.at(0).at(1).toString();
    QVERIFY2(note.contains(QLatin1String("HTTP 400")) &&
                 note.contains(QLatin1String("unsupported extension parameter")) &&
                 note.contains(QLatin1String("without offering compression")),
             qPrintable(note));
    QCOMPARE(lost.size(), 0);
    QVERIFY(!connection.traffic().compression);
}

QTEST_GUILESS_MAIN(TestPermessageDeflate)
#include "tst_permessagedeflate.moc"
