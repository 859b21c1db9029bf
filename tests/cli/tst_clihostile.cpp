// SPDX-License-Identifier: MIT
#include "emulator/emulatorserver.h"
#include "support/clirunner.h"
#include "support/hostileserver.h"
#include "support/processmemory.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace allium;

namespace {

const QString key = QStringLiteral("hostile-cli-key-51c9");

QByteArray dataMessage(int number, int padding = 0)
{
    return QByteArrayLiteral("{\"number\":") + QByteArray::number(number) +
           QByteArrayLiteral(",\"pad\":\"") + QByteArray(padding, 'x') + QByteArrayLiteral("\"}");
}

// The summary's "name: N" figure.
qint64 summaryFigure(const QByteArray &err, const QString &name)
{
    const QRegularExpression pattern(name + QStringLiteral(": (\\d+)"));
    const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(err));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

} // namespace

/// allium-cli against a server that misbehaves: its stdout stays one JSON document per line,
/// its stderr never carries raw control characters, every loss is said, and its memory stays
/// bounded when its reader stalls.
class TestCliHostile : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void prettyPrintedFramesPrintOneLineEach();
    void serverTextOnStderrIsInert();
    void invalidUtf8AndHugeFramesAreSaid_data();
    void invalidUtf8AndHugeFramesAreSaid();
    void stalledReaderKeepsMemoryBounded();
    void concurrencyAboveTheServerLimitEarnsNoRefusal();
    void inputFilesAreBounded_data();
    void inputFilesAreBounded();

private:
    QStringList streamArguments(const HostileServer &server, const QStringList &extra) const;

    QTemporaryDir m_home;
};

void TestCliHostile::initTestCase()
{
    QVERIFY(QFile::exists(CliRunner::executablePath()));
    QVERIFY(m_home.isValid());
}

QStringList TestCliHostile::streamArguments(const HostileServer &server,
                                            const QStringList &extra) const
{
    return QStringList{QStringLiteral("stream"), QStringLiteral("--topic"),
                       QStringLiteral("ethereum.blocks"), QStringLiteral("--url"),
                       server.baseUrl().toString()} +
           extra;
}

// Valid JSON with raw newlines inside would break "one document per line": each is printed
// compact, on its own line.
void TestCliHostile::prettyPrintedFramesPrintOneLineEach()
{
    HostileServer server;
    server.setScript(
        {HostileServer::textFrame("{\n  \"number\": 1,\n  \"fake\": \"x\"\n}"),
         HostileServer::textFrame("{\"number\":\r\n2}\n\n{\"number\":3}"),
         HostileServer::textFrame("[\n1,\n2\n]"),
         HostileServer::textFrame("{\"number\": 4,\n\"nested\": {\n\"a\": [1,\n2]}}")});
    QVERIFY(server.listen());
    const CliRun run =
        CliRunner(m_home.path())
            .run(streamArguments(server, {QStringLiteral("--count"), QStringLiteral("2")}), key);
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.lines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), QByteArray(R"({"number":1,"fake":"x"})"));
    QCOMPARE(lines.at(1), QByteArray(R"({"number":4,"nested":{"a":[1,2]}})"));
    QCOMPARE(summaryFigure(run.err, QStringLiteral("parse errors")), 2);
}

// Escape sequences and bidirectional overrides from the server reach stderr escaped, never raw.
void TestCliHostile::serverTextOnStderrIsInert()
{
    HostileServer server;
    server.setScript(
        {HostileServer::textFrame(
             R"({"status":"error","data":"\u001b]0;owned\u0007\u001b[2J \u202eevil"})"),
         HostileServer::textFrame(dataMessage(1))});
    QVERIFY(server.listen());
    const CliRun run =
        CliRunner(m_home.path())
            .run(streamArguments(server, {QStringLiteral("--count"), QStringLiteral("1")}), key);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(R"(server error: \x1b]0;owned\x07\x1b[2J \u{202e}evil)"),
             run.err.constData());
    QVERIFY(!run.err.contains('\x1b'));
    QVERIFY(!run.err.contains('\x07'));
    QVERIFY(!run.err.contains("\xe2\x80\xae")); // U+202E in UTF-8
}

void TestCliHostile::invalidUtf8AndHugeFramesAreSaid_data()
{
    QTest::addColumn<QByteArray>("badFrame");
    QTest::addColumn<QString>("expected");
    QTest::newRow("invalid UTF-8") << HostileServer::textFrame("{\"number\":\"\xc3\x28\"}")
                                   << QStringLiteral("1007 (the server sent text that is not "
                                                     "valid UTF-8)");
    QTest::newRow("400 MB frame") << HostileServer::frameHeader(0x1, 400ull * 1024 * 1024)
                                  << QStringLiteral("1009 (the server sent a frame over 16 MiB");
}

// After the first connection a bad frame ends the connection; the CLI says why on stderr, then
// reconnects and goes on.
void TestCliHostile::invalidUtf8AndHugeFramesAreSaid()
{
    QFETCH(QByteArray, badFrame);
    QFETCH(QString, expected);
    HostileServer server;
    server.setScript({HostileServer::textFrame(dataMessage(1)), badFrame});
    QVERIFY(server.listen());
    const CliRun run =
        CliRunner(m_home.path())
            .run(streamArguments(server, {QStringLiteral("--count"), QStringLiteral("2")}), key,
                 30000);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lines().size(), 2);
    QVERIFY2(run.err.contains("connection lost: ") && run.err.contains(expected.toUtf8()),
             run.err.constData());
    QVERIFY(server.connectionCount() >= 2);
}

// 1 MiB messages while nobody reads stdout: the CLI blocks on its output, and what waits between
// its socket and its output stays bounded in bytes (excess messages are dropped and counted).
void TestCliHostile::stalledReaderKeepsMemoryBounded()
{
    constexpr int total = 400;
    HostileServer server;
    server.setFlood(HostileServer::textFrame(dataMessage(1, 1024 * 1024)), total);
    // Only one flood: the server never answers pings, so a slow run may see the client's
    // heartbeat give up and reconnect; the count below is of the one flood.
    server.setFloodFirstConnectionOnly(true);
    QVERIFY(server.listen());
    QTemporaryDir fifoDir;
    const QByteArray fifo = fifoDir.filePath(QStringLiteral("out")).toLocal8Bit();
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    // Opened for reading (so that the CLI's open for writing succeeds) and not read for now.
    const int reader = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);

    QProcess process;
    process.setStandardOutputFile(QString::fromLocal8Bit(fifo));
    QSignalSpy finished(&process, &QProcess::finished);
    CliRunner(m_home.path()).start(process, streamArguments(server, {}), key);
    QVERIFY(process.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(server.floodWritten(), qint64(total), 60000);
    const qint64 rssKiB = vmRssKiB(process.processId());
    qInfo("allium-cli VmRSS with its reader stalled: %lld MiB", rssKiB / 1024);
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer keeps up to 256 MiB of freed memory in quarantine on top of the bound.
    constexpr qint64 boundKiB = (256 + 256) * 1024;
#else
    constexpr qint64 boundKiB = 256 * 1024;
#endif
    QVERIFY2(rssKiB > 0 && rssKiB < boundKiB, qPrintable(QString::number(rssKiB)));

    // Drain, then interrupt: the summary counts what was dropped.
    qint64 drained = 0;
    char buffer[65536];
    const auto drain = [&] {
        ssize_t n;
        while ((n = ::read(reader, buffer, sizeof buffer)) > 0)
            drained += n;
    };
    // Generous: printing up to 64 MiB after SIGINT is slow on a loaded or sanitized build.
    QTRY_VERIFY_WITH_TIMEOUT((drain(), drained > 4 * 1024 * 1024), 90000);
    ::kill(pid_t(process.processId()), SIGINT);
    QTRY_VERIFY_WITH_TIMEOUT((drain(), finished.size() == 1), 90000);
    ::close(reader);
    QCOMPARE(process.exitCode(), 130);
    const QByteArray err = process.readAllStandardError();
    const qint64 printed = summaryFigure(err, QStringLiteral("messages"));
    const qint64 dropped = summaryFigure(err, QStringLiteral("dropped"));
    QVERIFY2(dropped > 0 && printed >= 0 && printed + dropped <= total, err.constData());
}

// --concurrency 2000 keeps 2,000 requests going, but never more than the server's 1,000 on the
// connection: 3,000 requests, all answered, not one "max inflight" refusal.
void TestCliHostile::concurrencyAboveTheServerLimitEarnsNoRefusal()
{
    EmulatorOptions options;
    options.keys = QStringList{key};
    options.latencyMs = 400; // answers wait, so the server really holds what it was sent
    EmulatorServer server(options);
    QVERIFY(server.listen());
    const CliRun run =
        CliRunner(m_home.path())
            .run({QStringLiteral("api"), QStringLiteral("--path"),
                  QStringLiteral("/api/v1/developer/assets"), QStringLiteral("--repeat"),
                  QStringLiteral("3000"), QStringLiteral("--concurrency"), QStringLiteral("2000"),
                  QStringLiteral("--url"), server.baseUrl().toString(),
                  // 3,000 answers 400 ms late through 1,000 slots take a while under a
                  // sanitizer: no request may time out on the way.
                  QStringLiteral("--timeout-ms"), QStringLiteral("300000")},
                 key, 300000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.lines().size(), 3000);
    QCOMPARE(summaryFigure(run.err, QStringLiteral("succeeded")), 3000);
    QCOMPARE(summaryFigure(run.err, QStringLiteral("in-flight limit refusals")), 0);
    QCOMPARE(summaryFigure(run.err, QStringLiteral("most in flight")), 1000);
    QVERIFY(!run.out.contains("max inflight"));
}

void TestCliHostile::inputFilesAreBounded_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    const QString body = QStringLiteral("--body");
    QTest::newRow("--body @/dev/zero")
        << QStringList{QStringLiteral("api"), QStringLiteral("--path"), QStringLiteral("/x"), body,
                       QStringLiteral("@/dev/zero")}
        << QStringLiteral("bad --body file: /dev/zero is larger than 16 MiB");
    QTest::newRow("--filter /dev/zero")
        << QStringList{QStringLiteral("stream"), QStringLiteral("--topic"),
                       QStringLiteral("ethereum.blocks"), QStringLiteral("--filter"),
                       QStringLiteral("/dev/zero")}
        << QStringLiteral("bad --filter file: /dev/zero is larger than 16 MiB");
    QTest::newRow("--body missing file")
        << QStringList{QStringLiteral("api"), QStringLiteral("--path"), QStringLiteral("/x"), body,
                       QStringLiteral("@/nonexistent/body.json")}
        << QStringLiteral("bad --body file: cannot read /nonexistent/body.json");
}

// A file named on the command line is read with a bound: a device that never ends (or a huge
// file) is a usage error with a clear message, not a process that fills memory.
void TestCliHostile::inputFilesAreBounded()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const CliRun run = CliRunner(m_home.path()).run(arguments, key);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected.toUtf8()), run.err.constData());
}

QTEST_GUILESS_MAIN(TestCliHostile)
#include "tst_clihostile.moc"
