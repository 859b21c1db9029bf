// SPDX-License-Identifier: MIT
#include "emulator/emulatorcommandline.h"
#include "emulator/httprequesthead.h"

#include <QTest>

using namespace allium;

Q_DECLARE_METATYPE(allium::EmulatorCommandLine::Outcome)

/// allium-emulator's command line onto options, and the HTTP head parser of its handshake gate.
class TestEmulatorCommandLine : public QObject
{
    Q_OBJECT
private slots:
    void defaultsAreTheDocumentedOnes();
    void mapsEveryOption();
    void refusesBadValues_data();
    void refusesBadValues();
    void helpListsTheOptions();

    void parsesRequestHeads_data();
    void parsesRequestHeads();

    void parsesTheChainOptions();
    void refusesBadChainValues_data();
    void refusesBadChainValues();
};

namespace {

EmulatorCommandLine::Result parse(const QStringList &arguments)
{
    return EmulatorCommandLine::parse(QStringList{QStringLiteral("allium-emulator")} + arguments);
}

} // namespace

// With no arguments: a free port, the demo key, seed 1, real-time speed, no faults.
void TestEmulatorCommandLine::defaultsAreTheDocumentedOnes()
{
    const auto result = parse({});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Run);
    QCOMPARE(result.options.port, quint16(0));
    QCOMPARE(result.options.keys, QStringList{EmulatorDemoKey});
    QCOMPARE(result.options.seed, quint64(1));
    QCOMPARE(result.options.speed, 1.0);
    QCOMPARE(result.options.rate, 0.0);
    QCOMPARE(result.options.latencyMs, 0);
    QCOMPARE(result.options.firehoseCount, qint64(0));
    QVERIFY(!result.options.tls);
    QVERIFY(result.options.deflate);
    // The fastest level: a real server picks its own, and the monitor's embedded emulator
    // should not spend its user's CPU on the last few bytes.
    QCOMPARE(result.options.deflateLevel, 1);
    QCOMPARE(result.options.faults.dropAfterMessages, 0);
    QCOMPARE(result.options.faults.closeAfterMessages, 0);
    QVERIFY(!result.options.faults.stallApi);
    QVERIFY(result.options.address.isLoopback());
    QCOMPARE(result.options.limits.maxConnections, 256);
    QCOMPARE(result.options.limits.maxWriteQueueBytes, qint64(16 * 1024 * 1024));
    QCOMPARE(result.options.limits.idleTimeoutMs, 300000);
}

// Every option lands in its field; --key repeats.
void TestEmulatorCommandLine::mapsEveryOption()
{
    const auto result = parse({QStringLiteral("--port"),
                               QStringLiteral("18555"),
                               QStringLiteral("--key"),
                               QStringLiteral("a"),
                               QStringLiteral("--key"),
                               QStringLiteral("b"),
                               QStringLiteral("--seed"),
                               QStringLiteral("42"),
                               QStringLiteral("--speed"),
                               QStringLiteral("2.5"),
                               QStringLiteral("--rate"),
                               QStringLiteral("100"),
                               QStringLiteral("--latency-ms"),
                               QStringLiteral("250"),
                               QStringLiteral("--firehose"),
                               QStringLiteral("1000000"),
                               QStringLiteral("--tls"),
                               QStringLiteral("--no-deflate"),
                               QStringLiteral("--deflate-level"),
                               QStringLiteral("9"),
                               QStringLiteral("--cert-out"),
                               QStringLiteral("/tmp/cert.pem"),
                               QStringLiteral("--drop-after"),
                               QStringLiteral("5"),
                               QStringLiteral("--malformed-every"),
                               QStringLiteral("7"),
                               QStringLiteral("--stall-after"),
                               QStringLiteral("9"),
                               QStringLiteral("--close-after"),
                               QStringLiteral("11"),
                               QStringLiteral("--close-code"),
                               QStringLiteral("4000"),
                               QStringLiteral("--handshake-delay-ms"),
                               QStringLiteral("300"),
                               QStringLiteral("--stall-api"),
                               QStringLiteral("--max-connections"),
                               QStringLiteral("8"),
                               QStringLiteral("--max-write-queue"),
                               QStringLiteral("1048576"),
                               QStringLiteral("--idle-timeout-ms"),
                               QStringLiteral("0")});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Run);
    QCOMPARE(result.text, QString());
    const EmulatorOptions &options = result.options;
    QCOMPARE(options.port, quint16(18555));
    QCOMPARE(options.keys, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(options.seed, quint64(42));
    QCOMPARE(options.speed, 2.5);
    QCOMPARE(options.rate, 100.0);
    QCOMPARE(options.latencyMs, 250);
    QCOMPARE(options.firehoseCount, qint64(1000000));
    QVERIFY(options.tls);
    QVERIFY(!options.deflate);
    QCOMPARE(options.deflateLevel, 9);
    QCOMPARE(result.certificateOut, QStringLiteral("/tmp/cert.pem"));
    QCOMPARE(options.faults.dropAfterMessages, 5);
    QCOMPARE(options.faults.malformedEvery, 7);
    QCOMPARE(options.faults.stallAfterMessages, 9);
    QCOMPARE(options.faults.closeAfterMessages, 11);
    QCOMPARE(options.faults.closeCode, 4000);
    QCOMPARE(options.faults.handshakeDelayMs, 300);
    QVERIFY(options.faults.stallApi);
    QCOMPARE(options.limits.maxConnections, 8);
    QCOMPARE(options.limits.maxWriteQueueBytes, qint64(1048576));
    QCOMPARE(options.limits.idleTimeoutMs, 0);
}

void TestEmulatorCommandLine::refusesBadValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");

    const auto row = [](const char *name, const QStringList &arguments, const char *error) {
        QTest::newRow(name) << arguments << QString::fromLatin1(error);
    };
    row("port not a number", {QStringLiteral("--port"), QStringLiteral("http")}, "--port:");
    row("port too big", {QStringLiteral("--port"), QStringLiteral("70000")}, "--port:");
    row("negative port", {QStringLiteral("--port"), QStringLiteral("-1")}, "--port:");
    row("zero speed", {QStringLiteral("--speed"), QStringLiteral("0")}, "--speed:");
    row("speed not a number", {QStringLiteral("--speed"), QStringLiteral("fast")}, "--speed:");
    row("negative rate", {QStringLiteral("--rate"), QStringLiteral("-3")}, "--rate:");
    row("latency negative", {QStringLiteral("--latency-ms"), QStringLiteral("-5")},
        "--latency-ms:");
    row("firehose zero", {QStringLiteral("--firehose"), QStringLiteral("0")}, "--firehose:");
    row("deflate level zero", {QStringLiteral("--deflate-level"), QStringLiteral("0")},
        "--deflate-level:");
    row("deflate level ten", {QStringLiteral("--deflate-level"), QStringLiteral("10")},
        "--deflate-level:");
    row("drop-after zero", {QStringLiteral("--drop-after"), QStringLiteral("0")}, "--drop-after:");
    row("malformed-every text", {QStringLiteral("--malformed-every"), QStringLiteral("x")},
        "--malformed-every:");
    row("close code 1006",
        {QStringLiteral("--close-after"), QStringLiteral("1"), QStringLiteral("--close-code"),
         QStringLiteral("1006")},
        "--close-code: 1006 may not be sent");
    row("close code out of range",
        {QStringLiteral("--close-after"), QStringLiteral("1"), QStringLiteral("--close-code"),
         QStringLiteral("999")},
        "--close-code:");
    row("close code alone", {QStringLiteral("--close-code"), QStringLiteral("4000")},
        "--close-code needs --close-after");
    row("cert-out without tls", {QStringLiteral("--cert-out"), QStringLiteral("/tmp/x")},
        "--cert-out needs --tls");
    row("empty key", {QStringLiteral("--key"), QString()}, "--key:");
    row("no connections", {QStringLiteral("--max-connections"), QStringLiteral("0")},
        "--max-connections:");
    row("write queue too small", {QStringLiteral("--max-write-queue"), QStringLiteral("1000")},
        "--max-write-queue:");
    row("idle timeout negative", {QStringLiteral("--idle-timeout-ms"), QStringLiteral("-1")},
        "--idle-timeout-ms:");
    row("unknown option", {QStringLiteral("--verbose")}, "Unknown option 'verbose'");
    row("missing value", {QStringLiteral("--port")}, "Missing value after '--port'");
    row("positional", {QStringLiteral("18555")}, "unexpected argument \"18555\"");
}

// A bad value is an error naming the option, never a silent default.
void TestEmulatorCommandLine::refusesBadValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    const auto result = parse(arguments);
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Error);
    QVERIFY2(result.text.startsWith(error), qPrintable(result.text));
}

// --help gives the help text listing the options instead of running.
void TestEmulatorCommandLine::helpListsTheOptions()
{
    const auto result = parse({QStringLiteral("--help")});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Help);
    for (const char *option : {"--port",
                               "--key",
                               "--seed",
                               "--speed",
                               "--rate",
                               "--latency-ms",
                               "--firehose",
                               "--tls",
                               "--no-deflate",
                               "--deflate-level",
                               "--drop-after",
                               "--malformed-every",
                               "--stall-after",
                               "--close-after",
                               "--close-code",
                               "--handshake-delay-ms",
                               "--stall-api",
                               "--max-connections",
                               "--max-write-queue",
                               "--idle-timeout-ms"}) {
        QVERIFY2(result.text.contains(QLatin1String(option)), option);
    }
}

void TestEmulatorCommandLine::parsesRequestHeads_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("upgrade");

    QTest::newRow("upgrade") << QByteArray("GET /api/v1/developer/ws/api HTTP/1.1\r\n"
                                           "Host: x\r\nUpgrade: websocket\r\n"
                                           "X-API-KEY: k1\r\n\r\n")
                             << true << QStringLiteral("/api/v1/developer/ws/api")
                             << QByteArray("k1") << true;
    QTest::newRow("header case and spaces")
        << QByteArray("GET /a?topic=b.c HTTP/1.1\r\n"
                      "x-api-key:   k2  \r\n"
                      "UPGRADE: WebSocket\r\n\r\n")
        << true << QStringLiteral("/a") << QByteArray("k2") << true;
    QTest::newRow("no upgrade") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true
                                << QStringLiteral("/") << QByteArray() << false;
    QTest::newRow("bad request line")
        << QByteArray("HELLO\r\n\r\n") << false << QString() << QByteArray() << false;
    QTest::newRow("absolute target") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << false
                                     << QString() << QByteArray() << false;
    QTest::newRow("not HTTP") << QByteArray("GET / SPDY/3\r\n\r\n") << false << QString()
                              << QByteArray() << false;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nbroken\r\n\r\n") << false
                                          << QString() << QByteArray() << false;
    QTest::newRow("too large") << (QByteArray("GET / HTTP/1.1\r\nX: ") +
                                   QByteArray(HttpRequestHead::MaxSize, 'a') + "\r\n\r\n")
                               << false << QString() << QByteArray() << false;
}

// The gate's HTTP head parser: request line, case-insensitive headers, limits.
void TestEmulatorCommandLine::parsesRequestHeads()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, valid);
    QFETCH(QString, path);
    QFETCH(QByteArray, key);
    QFETCH(bool, upgrade);

    const auto parsed = HttpRequestHead::parse(head);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(parsed->method(), QByteArray("GET"));
    QCOMPARE(parsed->target().path(), path);
    QCOMPARE(parsed->header("X-Api-Key"), key);
    QCOMPARE(parsed->hasHeader("x-api-key"), !key.isEmpty());
    QCOMPARE(parsed->isWebSocketUpgrade(), upgrade);
}

// The live chain's options: --start-time as ISO-8601 or epoch seconds, the integrity faults
// into EmulatorFaults, each documented in --help; none set means no fault and "now".
void TestEmulatorCommandLine::parsesTheChainOptions()
{
    const auto none = parse({});
    QCOMPARE(none.options.startTimeMs, qint64(0));
    QCOMPARE(none.options.faults.gapEvery, 0);
    QCOMPARE(none.options.faults.reorgEvery, 0);
    QCOMPARE(none.options.faults.reorgDepth, 0);
    QCOMPARE(none.options.faults.duplicateEvery, 0);
    QCOMPARE(none.options.faults.lagMs, 0);

    const auto result =
        parse({QStringLiteral("--start-time"), QStringLiteral("2026-11-27T20:00:00Z"),
               QStringLiteral("--gap-every"), QStringLiteral("5"), QStringLiteral("--reorg-every"),
               QStringLiteral("7"), QStringLiteral("--reorg-depth"), QStringLiteral("3"),
               QStringLiteral("--duplicate-every"), QStringLiteral("4"), QStringLiteral("--lag-ms"),
               QStringLiteral("1500")});
    QCOMPARE(result.outcome, EmulatorCommandLine::Outcome::Run);
    QCOMPARE(result.options.startTimeMs, qint64(1795809600000));
    QCOMPARE(result.options.faults.gapEvery, 5);
    QCOMPARE(result.options.faults.reorgEvery, 7);
    QCOMPARE(result.options.faults.reorgDepth, 3);
    QCOMPARE(result.options.faults.duplicateEvery, 4);
    QCOMPARE(result.options.faults.lagMs, 1500);
    QCOMPARE(
        parse({QStringLiteral("--start-time"), QStringLiteral("1795809600")}).options.startTimeMs,
        qint64(1795809600000));
    // Without a zone, UTC; with one, converted.
    QCOMPARE(parse({QStringLiteral("--start-time"), QStringLiteral("2026-11-27T20:00:00")})
                 .options.startTimeMs,
             qint64(1795809600000));
    QCOMPARE(parse({QStringLiteral("--start-time"), QStringLiteral("2026-11-27T21:00:00+01:00")})
                 .options.startTimeMs,
             qint64(1795809600000));

    const QString help = parse({QStringLiteral("--help")}).text;
    for (const char *option : {"--start-time", "--gap-every", "--reorg-every", "--reorg-depth",
                               "--duplicate-every", "--lag-ms"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
    // --speed says what timestamps then are.
    QVERIFY(help.contains(QLatin1String("timestamps are then chain")));
}

void TestEmulatorCommandLine::refusesBadChainValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const QStringList &arguments, const char *error) {
        QTest::newRow(name) << arguments << QString::fromLatin1(error);
    };
    row("start time text", {QStringLiteral("--start-time"), QStringLiteral("yesterday")},
        "--start-time: expected ISO-8601");
    row("start time negative", {QStringLiteral("--start-time"), QStringLiteral("-5")},
        "--start-time:");
    row("start time zero", {QStringLiteral("--start-time"), QStringLiteral("0")}, "--start-time:");
    row("gap every one", {QStringLiteral("--gap-every"), QStringLiteral("1")}, "--gap-every:");
    row("gap every negative", {QStringLiteral("--gap-every"), QStringLiteral("-3")},
        "--gap-every:");
    row("reorg without depth", {QStringLiteral("--reorg-every"), QStringLiteral("5")},
        "--reorg-every needs --reorg-depth");
    row("depth without reorg", {QStringLiteral("--reorg-depth"), QStringLiteral("2")},
        "--reorg-depth needs --reorg-every");
    row("depth equal to every",
        {QStringLiteral("--reorg-every"), QStringLiteral("4"), QStringLiteral("--reorg-depth"),
         QStringLiteral("4")},
        "--reorg-depth: 4 must be less than --reorg-every 4");
    row("depth zero",
        {QStringLiteral("--reorg-every"), QStringLiteral("4"), QStringLiteral("--reorg-depth"),
         QStringLiteral("0")},
        "--reorg-depth:");
    row("duplicate zero", {QStringLiteral("--duplicate-every"), QStringLiteral("0")},
        "--duplicate-every:");
    row("lag negative", {QStringLiteral("--lag-ms"), QStringLiteral("-1")}, "--lag-ms:");
    row("lag text", {QStringLiteral("--lag-ms"), QStringLiteral("soon")}, "--lag-ms:");
}

// A bad chain option is an error naming it, never a silent default.
void TestEmulatorCommandLine::refusesBadChainValues()
{
    refusesBadValues();
}

QTEST_GUILESS_MAIN(TestEmulatorCommandLine)
#include "tst_emulatorcommandline.moc"
