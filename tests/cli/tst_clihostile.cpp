// SPDX-License-Identifier: MIT
#include "emulator/emulatorserver.h"
#include "support/clirunner.h"
#include "support/hostileserver.h"
#include "support/processmemory.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

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

// What allium-cli may hold while its reader stalls: bounded queues of 1 MiB messages.
#if defined(__SANITIZE_ADDRESS__)
// AddressSanitizer keeps up to 256 MiB of freed memory in quarantine on top of the bound.
constexpr qint64 RssBoundKiB = (256 + 256) * 1024;
#else
constexpr qint64 RssBoundKiB = 256 * 1024;
#endif

// A FIFO in `dir` opened for reading (so that the CLI's open for writing succeeds) and not read
// for now; -1 on failure.
int openStalledFifo(const QTemporaryDir &dir)
{
    const QByteArray fifo = dir.filePath(QStringLiteral("out")).toLocal8Bit();
    if (::mkfifo(fifo.constData(), 0600) != 0)
        return -1;
    return ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
}

// Everything readable from `reader` now, appended to `out`.
void drainFifo(int reader, QByteArray *out)
{
    char buffer[65536];
    ssize_t n;
    while ((n = ::read(reader, buffer, sizeof buffer)) > 0)
        out->append(buffer, qsizetype(n));
}

} // namespace

/// allium-cli against a server that misbehaves: its stdout stays one JSON document per line,
/// its stderr never carries raw control characters, every loss is said, nothing received is
/// lost unless asked, and its memory stays bounded when its reader stalls.
class TestCliHostile : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void prettyPrintedFramesPrintOneLineEach();
    void serverTextOnStderrIsInert();
    void invalidUtf8AndHugeFramesAreSaid_data();
    void invalidUtf8AndHugeFramesAreSaid();
    void stalledReaderLosesNothing();
    void stalledReaderDropsWhenAsked();
    void countEndsWhenTheStreamFailsForGood();
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

// 1 MiB messages while nobody reads stdout: the CLI stops reading its socket, so the server's
// writes stall (TCP pushes back) long before the flood is out, and what waits between its socket
// and its output stays bounded in bytes. Once its reader drains, every message comes out, in
// order: none dropped, and --count ends the run.
void TestCliHostile::stalledReaderLosesNothing()
{
    constexpr int total = 400;
    const QByteArray message = dataMessage(1, 1024 * 1024);
    HostileServer server;
    server.setFlood(HostileServer::textFrame(message), total);
    // Only one flood: the server never answers pings, so a slow run may see the client's
    // heartbeat give up and reconnect; the count below is of the one flood.
    server.setFloodFirstConnectionOnly(true);
    QVERIFY(server.listen());
    QTemporaryDir fifoDir;
    const int reader = openStalledFifo(fifoDir);
    QVERIFY(reader >= 0);

    QProcess process;
    process.setStandardOutputFile(fifoDir.filePath(QStringLiteral("out")));
    QSignalSpy finished(&process, &QProcess::finished);
    CliRunner(m_home.path())
        .start(process,
               streamArguments(server, {QStringLiteral("--count"), QString::number(total)}), key);
    QVERIFY(process.waitForStarted());
    // The server's writes stop well before the end of the flood and stay stopped.
    QElapsedTimer still;
    still.start();
    qint64 lastWritten = -1;
    const auto serverStalled = [&] {
        if (server.floodWritten() != lastWritten) {
            lastWritten = server.floodWritten();
            still.restart();
        }
        return lastWritten > 0 && still.elapsed() >= 1500;
    };
    QTRY_VERIFY_WITH_TIMEOUT(serverStalled(), 60000);
    QVERIFY2(lastWritten < total, qPrintable(QString::number(lastWritten)));
    const qint64 rssKiB = vmRssKiB(process.processId());
    qInfo("allium-cli VmRSS with its reader stalled: %lld MiB, %lld of %d messages sent",
          rssKiB / 1024, lastWritten, total);
    QVERIFY2(rssKiB > 0 && rssKiB < RssBoundKiB, qPrintable(QString::number(rssKiB)));

    // Drain: all of it arrives and the run ends by itself.
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((drainFifo(reader, &out), finished.size() == 1), 120000);
    drainFifo(reader, &out);
    ::close(reader);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitCode() == 0, err.constData());
    QCOMPARE(out.size(), qsizetype(total) * (message.size() + 1));
    QCOMPARE(out.count('\n'), total);
    QVERIFY(out.startsWith(message + '\n'));
    QCOMPARE(summaryFigure(err, QStringLiteral("messages")), total);
    QCOMPARE(summaryFigure(err, QStringLiteral("dropped")), 0);
}

// --drop-when-behind: the same stalled reader, but the CLI keeps reading its socket and drops
// (and counts) what its output cannot take; memory stays bounded all the same. --count counts
// the dropped messages, so the run ends once the flood is through instead of waiting for
// messages that will never come.
void TestCliHostile::stalledReaderDropsWhenAsked()
{
    constexpr int total = 400;
    HostileServer server;
    server.setFlood(HostileServer::textFrame(dataMessage(1, 1024 * 1024)), total);
    server.setFloodFirstConnectionOnly(true);
    QVERIFY(server.listen());
    QTemporaryDir fifoDir;
    const int reader = openStalledFifo(fifoDir);
    QVERIFY(reader >= 0);

    QProcess process;
    process.setStandardOutputFile(fifoDir.filePath(QStringLiteral("out")));
    QSignalSpy finished(&process, &QProcess::finished);
    CliRunner(m_home.path())
        .start(process,
               streamArguments(server, {QStringLiteral("--drop-when-behind"),
                                        QStringLiteral("--count"), QString::number(total)}),
               key);
    QVERIFY(process.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(server.floodWritten(), qint64(total), 60000);
    const qint64 rssKiB = vmRssKiB(process.processId());
    qInfo("allium-cli VmRSS with its reader stalled, dropping: %lld MiB", rssKiB / 1024);
    QVERIFY2(rssKiB > 0 && rssKiB < RssBoundKiB, qPrintable(QString::number(rssKiB)));

    // Generous: printing up to 64 MiB is slow on a loaded or sanitized build.
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((drainFifo(reader, &out), finished.size() == 1), 90000);
    drainFifo(reader, &out);
    ::close(reader);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitCode() == 0, err.constData());
    const qint64 printed = summaryFigure(err, QStringLiteral("messages"));
    const qint64 dropped = summaryFigure(err, QStringLiteral("dropped"));
    QVERIFY2(dropped > 0 && printed > 0 && printed + dropped == total, err.constData());
    QCOMPARE(out.count('\n'), printed);
}

// --count N with fewer than N messages to come: once the connection fails for good (here the
// key is refused on the reconnect), the run ends with what it printed, never by hanging.
void TestCliHostile::countEndsWhenTheStreamFailsForGood()
{
    auto server = std::make_unique<HostileServer>();
    server->setScript(
        {HostileServer::textFrame(dataMessage(1)), HostileServer::textFrame(dataMessage(2))});
    server->setCloseWhenDone(true);
    QVERIFY(server->listen());
    const quint16 port = server->port();

    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    CliRunner(m_home.path())
        .start(process, streamArguments(*server, {QStringLiteral("--count"), QStringLiteral("5")}),
               key);
    QTRY_VERIFY_WITH_TIMEOUT(server->connectionCount() == 1 && finished.isEmpty(), 10000);
    // The same port now refuses the key, as a server that revoked it would.
    server.reset();
    QTcpServer refusing;
    QVERIFY(refusing.listen(QHostAddress::LocalHost, port));
    connect(&refusing, &QTcpServer::newConnection, this, [&refusing] {
        while (QTcpSocket *socket = refusing.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->readAll().isEmpty()) {
                    const QByteArray body = R"({"detail":"key revoked"})";
                    socket->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n"
                                  "Content-Length: " +
                                  QByteArray::number(body.size()) +
                                  "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                }
            });
        }
    });
    QVERIFY(finished.wait(30000));
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitCode() == 5, err.constData());
    QVERIFY2(err.contains("401"), err.constData());
    QCOMPARE(process.readAllStandardOutput(), dataMessage(1) + '\n' + dataMessage(2) + '\n');
    QCOMPARE(summaryFigure(err, QStringLiteral("messages")), 2);
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
