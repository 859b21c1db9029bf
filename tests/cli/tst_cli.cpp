// SPDX-License-Identifier: MIT
#include "core/filter/filter.h"
#include "emulator/emulatorserver.h"
#include "support/clirunner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <csignal>
#include <memory>

using namespace allium;

namespace {

const QString secretKey = QStringLiteral("cli-test-key-7d1e0c5b9a");
const QString assetsPath = QStringLiteral("/api/v1/developer/assets");

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void helpDocumentsExitCodes();
    void topicsListsKnownTopics();
    void usageErrors_data();
    void usageErrors();
    void streamCountPrintsJsonLines();
    void streamFilterFromFileIsApplied();
    void firehoseIsPrintedWhole_data();
    void firehoseIsPrintedWhole();
    void apiSummaryShowsTraffic();
    void invalidFilterExitsFour_data();
    void invalidFilterExitsFour();
    void refusedKeyExitsFive();
    void badUrlExitsThree_data();
    void badUrlExitsThree();
    void unreachableServerExitsSix();
    void insecureUrlRefusedExitsThree_data();
    void insecureUrlRefusedExitsThree();
    void allowedInsecureUrlWarns_data();
    void allowedInsecureUrlWarns();
    void apiRepeatPrintsLinesAndSummary();
    void apiServerErrorAndTimeoutExitOne();
    void apiWithoutKeyOrUrlUsesBuiltInEmulator();
    void sigintPrintsSummaryAndExits130();
    void closedStdoutEndsQuietly();

private:
    CliRun run(const QStringList &arguments, const QString &key = secretKey,
               int timeoutMs = 15000) const
    {
        return CliRunner(m_home.path()).run(arguments, key, timeoutMs);
    }
    void startProcess(QProcess &process, const QStringList &arguments,
                      const QString &key = secretKey) const
    {
        CliRunner(m_home.path()).start(process, arguments, key);
    }
    QString url() const { return m_server->baseUrl().toString(); }
    /// Saves one profile in the settings the CLI reads (a fresh file each time).
    void writeProfile(const QString &name, const QString &url, bool allowInsecure);

    std::unique_ptr<EmulatorServer> m_server;
    QTemporaryDir m_home;
};

void TestCli::initTestCase()
{
    QVERIFY(QFile::exists(CliRunner::executablePath()));
    QVERIFY(m_home.isValid());
}

void TestCli::init()
{
    EmulatorOptions options;
    options.keys = QStringList{secretKey};
    options.rate = 200; // messages per second on every topic: tests need not wait for blocks
    m_server = std::make_unique<EmulatorServer>(options);
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
}

void TestCli::cleanup()
{
    m_server.reset();
    QFile::remove(m_home.filePath(QStringLiteral("config/Allium/Allium Monitor.conf")));
}

// --help of the tool and of each command lists every exit code.
void TestCli::helpDocumentsExitCodes()
{
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("--help")},
          QStringList{QStringLiteral("stream"), QStringLiteral("--help")},
          QStringList{QStringLiteral("api"), QStringLiteral("--help")}}) {
        const CliRun result = run(arguments);
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains("Exit codes"));
        for (const char *code : {"  0 ", "  2 ", "  3 ", "  4 ", "  5 ", "  6 ", "  130 "})
            QVERIFY2(result.out.contains(code), code);
        QVERIFY(result.out.contains("ALLIUM_API_KEY"));
    }
    QVERIFY(run({QStringLiteral("api"), QStringLiteral("--help")}).out.contains("--concurrency"));
    QVERIFY(run({QStringLiteral("stream"), QStringLiteral("--help")}).out.contains("--filter"));
}

// `topics` prints the known topics, one per line.
void TestCli::topicsListsKnownTopics()
{
    const CliRun result = run({QStringLiteral("topics")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.lines().contains("ethereum.blocks"));
    QCOMPARE(result.lines().size(), EmulatorServer::topics().size());
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << "Usage";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << "unknown command";
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("api"), QStringLiteral("--nope")} << "nope";
    QTest::newRow("no key option exists")
        << QStringList{QStringLiteral("api"), QStringLiteral("--key"), QStringLiteral("k")}
        << "key";
    QTest::newRow("api without path") << QStringList{QStringLiteral("api")} << "--path";
    QTest::newRow("bad method") << QStringList{QStringLiteral("api"), QStringLiteral("--path"),
                                               assetsPath, QStringLiteral("--method"),
                                               QStringLiteral("FETCH")}
                                << "--method";
    QTest::newRow("repeat zero") << QStringList{QStringLiteral("api"), QStringLiteral("--path"),
                                                assetsPath, QStringLiteral("--repeat"),
                                                QStringLiteral("0")}
                                 << "--repeat";
    QTest::newRow("body not JSON")
        << QStringList{QStringLiteral("api"), QStringLiteral("--path"), assetsPath,
                       QStringLiteral("--body"), QStringLiteral("{oops")}
        << "--body";
    QTest::newRow("stream without topic") << QStringList{QStringLiteral("stream")} << "--topic";
    QTest::newRow("count not a number")
        << QStringList{QStringLiteral("stream"), QStringLiteral("--topic"),
                       QStringLiteral("ethereum.blocks"), QStringLiteral("--count"),
                       QStringLiteral("many")}
        << "--count";
    QTest::newRow("filter file missing")
        << QStringList{QStringLiteral("stream"), QStringLiteral("--topic"),
                       QStringLiteral("ethereum.blocks"), QStringLiteral("--filter"),
                       QStringLiteral("/nonexistent/filter.json")}
        << "filter file";
    QTest::newRow("unknown transport")
        << QStringList{QStringLiteral("stream"), QStringLiteral("--topic"),
                       QStringLiteral("ethereum.blocks"), QStringLiteral("--transport"),
                       QStringLiteral("curl")}
        << "--transport must be beast or qt";
    QTest::newRow("unknown profile")
        << QStringList{QStringLiteral("api"), QStringLiteral("--path"), assetsPath,
                       QStringLiteral("--profile"), QStringLiteral("Nope")}
        << "no profile";
}

// Bad command lines exit 2 with a message saying what is wrong.
void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliRun result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message.toUtf8()) || result.out.contains(message.toUtf8()),
             result.err.constData());
}

// stream --count 5 prints exactly five lines, each a JSON object, and a summary on stderr.
void TestCli::streamCountPrintsJsonLines()
{
    const CliRun result =
        run({QStringLiteral("stream"), QStringLiteral("--topic"), QStringLiteral("ethereum.blocks"),
             QStringLiteral("--count"), QStringLiteral("5"), QStringLiteral("--url"), url()});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.lines();
    QCOMPARE(lines.size(), 5);
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document.isObject());
        QVERIFY(!document.object().isEmpty());
    }
    QVERIFY2(result.err.contains("messages: 5"), result.err.constData());
    QVERIFY(result.err.contains("reconnects: 0"));
    QVERIFY(result.err.contains("parse errors: 0"));
    QVERIFY(result.err.contains("server errors: 0"));
}

void TestCli::firehoseIsPrintedWhole_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("defaults") << QStringList{};
    QTest::newRow("--no-compression") << QStringList{QStringLiteral("--no-compression")};
    QTest::newRow("--transport qt")
        << QStringList{QStringLiteral("--transport"), QStringLiteral("qt")};
    QTest::newRow("--transport beast")
        << QStringList{QStringLiteral("--transport"), QStringLiteral("beast")};
}

// A firehose faster than the test reads the CLI's stdout: --count N prints exactly the first N
// messages, in order, none dropped, and the summary says what crossed the wire.
void TestCli::firehoseIsPrintedWhole()
{
    QFETCH(QStringList, options);
    constexpr int total = 30000;
    EmulatorOptions emulatorOptions;
    emulatorOptions.keys = QStringList{secretKey};
    emulatorOptions.firehoseCount = total;
    EmulatorServer firehose(emulatorOptions);
    QVERIFY(firehose.listen());
    const CliRun result = run(QStringList{QStringLiteral("stream"), QStringLiteral("--topic"),
                                          QStringLiteral("hyperliquid.fills"),
                                          QStringLiteral("--count"), QString::number(total),
                                          QStringLiteral("--url"), firehose.baseUrl().toString()} +
                                  options,
                              secretKey, 60000);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.lines();
    QCOMPARE(lines.size(), total);
    for (const QByteArray &line : {lines.first(), lines.at(total / 2), lines.last()})
        QVERIFY2(QJsonDocument::fromJson(line).isObject(), line.constData());
    QVERIFY2(result.err.contains(QStringLiteral("messages: %1,").arg(total).toUtf8()),
             result.err.constData());
    QVERIFY2(result.err.contains("dropped: 0,"), result.err.constData());
    const QRegularExpressionMatch traffic =
        QRegularExpression(QStringLiteral("traffic: (\\d+) frames, (\\d+) bytes on the wire, "
                                          "(\\d+) decoded \\(ratio [0-9.]+\\), compression: "
                                          "(on|off)"))
            .match(QString::fromUtf8(result.err));
    QVERIFY2(traffic.hasMatch(), result.err.constData());
    QVERIFY(traffic.captured(1).toLongLong() >= total);
    QVERIFY(traffic.captured(2).toLongLong() > 0);
    QVERIFY(traffic.captured(3).toLongLong() >= result.out.size() - total); // without newlines
    // Compression is what the server accepts; switched off, or on QtWebSockets, it is off.
    if (options.contains(QStringLiteral("--no-compression")) ||
        options.contains(QStringLiteral("qt"))) {
        QCOMPARE(traffic.captured(4), QStringLiteral("off"));
    }
    if (options.contains(QStringLiteral("--no-compression")))
        QVERIFY2(result.err.contains("compression off)"), result.err.constData());
}

// The api summary says what crossed the wire too, and --no-compression is accepted there.
void TestCli::apiSummaryShowsTraffic()
{
    const CliRun result = run({QStringLiteral("api"), QStringLiteral("--path"), assetsPath,
                               QStringLiteral("--no-compression"), QStringLiteral("--url"), url()});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("traffic: [1-9]\\d* frames, [1-9]\\d* bytes on "
                                               "the wire, [1-9]\\d* decoded \\(ratio [0-9.]+\\), "
                                               "compression: off"))
                 .match(QString::fromUtf8(result.err))
                 .hasMatch(),
             result.err.constData());
}

// A filter read from a file reaches the server: every message printed satisfies it.
void TestCli::streamFilterFromFileIsApplied()
{
    const QByteArray filterJson =
        R"({"op":"AND","conditions":[{"field":"transaction_index","operator":"<","value":5}]})";
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(filterJson);
    file.close();
    const CliRun result =
        run({QStringLiteral("stream"), QStringLiteral("--topic"),
             QStringLiteral("ethereum.transactions"), QStringLiteral("--filter"), file.fileName(),
             QStringLiteral("--count"), QStringLiteral("10"), QStringLiteral("--url"), url()});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const Filter filter = Filter::parse(filterJson).filter;
    QCOMPARE(result.lines().size(), 10);
    for (const QByteArray &line : result.lines())
        QVERIFY2(filter.matches(QJsonDocument::fromJson(line).object()), line.constData());
}

void TestCli::invalidFilterExitsFour_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("named");
    QTest::newRow("unknown operator, nested")
        << R"({"op":"AND","conditions":[{"field":"a","operator":"=","value":1},)"
           R"({"field":"b","operator":"~","value":2}]})"
        << "conditions[1].operator";
    QTest::newRow("syntax error") << R"({"field": "a", "operator": )"
                                  << "character 26";
    QTest::newRow("in without array") << R"({"field":"a","operator":"in","value":3})"
                                      << "value";
}

// An invalid filter is caught before connecting: exit 4, and the message names where it is.
void TestCli::invalidFilterExitsFour()
{
    QFETCH(QString, filter);
    QFETCH(QString, named);
    const CliRun result =
        run({QStringLiteral("stream"), QStringLiteral("--topic"), QStringLiteral("ethereum.blocks"),
             QStringLiteral("--filter"), filter, QStringLiteral("--url"), url()});
    QCOMPARE(result.exitCode, 4);
    QVERIFY2(result.err.contains(named.toUtf8()), result.err.constData());
    QVERIFY(result.out.isEmpty());
    QCOMPARE(m_server->connectionCount(), 0);
}

// A key the server refuses (HTTP 401) exits 5 for both commands, without printing the key.
void TestCli::refusedKeyExitsFive()
{
    const QString wrongKey = QStringLiteral("wrong-key-4b8e2f");
    const CliRun stream = run({QStringLiteral("stream"), QStringLiteral("--topic"),
                               QStringLiteral("ethereum.blocks"), QStringLiteral("--url"), url()},
                              wrongKey);
    QCOMPARE(stream.exitCode, 5);
    QVERIFY2(stream.err.contains("401"), stream.err.constData());
    const CliRun api = run({QStringLiteral("api"), QStringLiteral("--path"), assetsPath,
                            QStringLiteral("--url"), url()},
                           wrongKey);
    QCOMPARE(api.exitCode, 5);
    QVERIFY(api.out.isEmpty());
}

void TestCli::badUrlExitsThree_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("http") << "http://127.0.0.1:1";
    QTest::newRow("no scheme") << "127.0.0.1:80";
    QTest::newRow("no host") << "ws://";
    QTest::newRow("query") << "ws://127.0.0.1:1/?topic=x";
    QTest::newRow("garbage") << "ws://bad host";
}

// A URL that is not ws:// or wss:// with a host exits 3 before any connection.
void TestCli::badUrlExitsThree()
{
    QFETCH(QString, url);
    const CliRun result = run({QStringLiteral("api"), QStringLiteral("--path"), assetsPath,
                               QStringLiteral("--url"), url});
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains("--url"), result.err.constData());
}

// Nothing listening at the URL: exit 6 with a message naming it.
void TestCli::unreachableServerExitsSix()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // the port is now (very likely) closed
    const CliRun result =
        run({QStringLiteral("stream"), QStringLiteral("--topic"), QStringLiteral("ethereum.blocks"),
             QStringLiteral("--url"), QStringLiteral("ws://127.0.0.1:%1").arg(port)});
    QCOMPARE(result.exitCode, 6);
    QVERIFY2(result.err.contains(QByteArray::number(port)), result.err.constData());
}

void TestCli::writeProfile(const QString &name, const QString &url, bool allowInsecure)
{
    // Where ProfileStore() looks under the HOME/XDG_CONFIG_HOME the CLI runs with.
    QSettings settings(m_home.filePath(QStringLiteral("config/Allium/Allium Monitor.conf")),
                       QSettings::IniFormat);
    settings.beginWriteArray(QStringLiteral("profiles"), 1);
    settings.setArrayIndex(0);
    settings.setValue(QStringLiteral("name"), name);
    settings.setValue(QStringLiteral("id"), QStringLiteral("0c7d3a52-0000-4000-8000-000000000001"));
    settings.setValue(QStringLiteral("baseUrl"), url);
    settings.setValue(QStringLiteral("allowInsecure"), allowInsecure);
    settings.endArray();
    settings.sync();
}

void TestCli::insecureUrlRefusedExitsThree_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("names");
    // 203.0.113.1 is TEST-NET-3: nothing is ever sent there, the refusal comes first.
    QTest::newRow("stream --url") << QStringList{QStringLiteral("stream"),
                                                 QStringLiteral("--topic"),
                                                 QStringLiteral("ethereum.blocks"),
                                                 QStringLiteral("--url"),
                                                 QStringLiteral("ws://203.0.113.1:9")}
                                  << QStringLiteral("--url");
    QTest::newRow("api --url") << QStringList{QStringLiteral("api"), QStringLiteral("--path"),
                                              assetsPath, QStringLiteral("--url"),
                                              QStringLiteral("ws://203.0.113.1:9")}
                               << QStringLiteral("--url");
    QTest::newRow("profile without consent")
        << QStringList{QStringLiteral("stream"), QStringLiteral("--topic"),
                       QStringLiteral("ethereum.blocks"), QStringLiteral("--profile"),
                       QStringLiteral("Lab")}
        << QStringLiteral("profile \"Lab\"");
}

// ws:// to another machine is refused with exit 3 and a reason, before any key is sent.
void TestCli::insecureUrlRefusedExitsThree()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, names);
    writeProfile(QStringLiteral("Lab"), QStringLiteral("ws://203.0.113.1:9"), false);
    const CliRun result = run(arguments);
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.err.contains(names.toUtf8()), result.err.constData());
    QVERIFY2(result.err.contains("clear text"), result.err.constData());
    QVERIFY2(result.err.contains("--allow-insecure"), result.err.constData());
}

// Allowed (--allow-insecure, or the profile's consent), it connects and warns on stderr. The
// "remote" host is this machine's own non-loopback address: nothing leaves the machine.
void TestCli::allowedInsecureUrlWarns_data()
{
    QTest::addColumn<bool>("viaProfile");
    QTest::newRow("--allow-insecure") << false;
    QTest::newRow("profile consent") << true;
}

void TestCli::allowedInsecureUrlWarns()
{
    QFETCH(bool, viaProfile);
    QHostAddress local;
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback()) {
            local = address;
            break;
        }
    }
    if (local.isNull())
        QSKIP("this machine has no non-loopback IPv4 address");
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nothing listens there on any address: the connection fails (exit 6)
    const QString url = QStringLiteral("ws://%1:%2").arg(local.toString()).arg(port);
    QStringList arguments{QStringLiteral("stream"), QStringLiteral("--topic"),
                          QStringLiteral("ethereum.blocks")};
    if (viaProfile) {
        writeProfile(QStringLiteral("Lab"), url, true);
        arguments << QStringLiteral("--profile") << QStringLiteral("Lab");
    } else {
        arguments << QStringLiteral("--url") << url << QStringLiteral("--allow-insecure");
    }
    const CliRun result = run(arguments);
    QVERIFY2(result.err.contains("warning: unencrypted connection to " + local.toString().toUtf8()),
             result.err.constData());
    QCOMPARE(result.exitCode, 6);
}

// api --repeat 20 prints 20 response lines with unique ids and a latency summary.
void TestCli::apiRepeatPrintsLinesAndSummary()
{
    const CliRun result =
        run({QStringLiteral("api"), QStringLiteral("--method"), QStringLiteral("GET"),
             QStringLiteral("--path"), assetsPath, QStringLiteral("--body"),
             QStringLiteral(R"({"limit":"2"})"), QStringLiteral("--repeat"), QStringLiteral("20"),
             QStringLiteral("--concurrency"), QStringLiteral("4"), QStringLiteral("--url"), url()});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.lines();
    QCOMPARE(lines.size(), 20);
    QSet<QString> ids;
    for (const QByteArray &line : lines) {
        const QJsonObject response = QJsonDocument::fromJson(line).object();
        QCOMPARE(response.keys(),
                 (QStringList{QStringLiteral("data"), QStringLiteral("id"),
                              QStringLiteral("latency_ms"), QStringLiteral("status")}));
        QCOMPARE(response.value(QLatin1String("status")).toString(), QStringLiteral("success"));
        QVERIFY(response.value(QLatin1String("latency_ms")).toDouble() >= 0);
        ids.insert(response.value(QLatin1String("id")).toString());
    }
    QCOMPARE(ids.size(), 20);
    for (const char *part : {"p50", "p95", "p99", "errors: 0", "timeouts: 0", "succeeded: 20"})
        QVERIFY2(result.err.contains(part), part);
}

// A server error and a timeout are reported per line and in the summary; the exit code is 1.
void TestCli::apiServerErrorAndTimeoutExitOne()
{
    const CliRun error = run({QStringLiteral("api"), QStringLiteral("--path"),
                              QStringLiteral("/api/v1/nope"), QStringLiteral("--url"), url()});
    QCOMPARE(error.exitCode, 1);
    QCOMPARE(
        QJsonDocument::fromJson(error.lines().value(0)).object().value(QLatin1String("status")),
        QJsonValue(QStringLiteral("error")));
    QVERIFY(error.err.contains("errors: 1"));

    EmulatorFaults faults;
    faults.stallApi = true;
    m_server->setFaults(faults);
    const CliRun timeout = run({QStringLiteral("api"), QStringLiteral("--path"), assetsPath,
                                QStringLiteral("--timeout-ms"), QStringLiteral("300"),
                                QStringLiteral("--url"), url()});
    QCOMPARE(timeout.exitCode, 1);
    const QJsonObject line = QJsonDocument::fromJson(timeout.lines().value(0)).object();
    QCOMPARE(line.value(QLatin1String("status")).toString(), QStringLiteral("timed_out"));
    QVERIFY(timeout.err.contains("timeouts: 1"));
}

// With no key and no --url, allium-cli serves itself from a built-in emulator.
void TestCli::apiWithoutKeyOrUrlUsesBuiltInEmulator()
{
    const CliRun result =
        run({QStringLiteral("api"), QStringLiteral("--path"), assetsPath}, QString());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.lines().size(), 1);
    QVERIFY(result.err.contains("built-in emulator"));
    QVERIFY(!result.err.contains(EmulatorDemoKey.toUtf8()));
    QCOMPARE(m_server->connectionCount(), 0);
}

// SIGINT while streaming: the summary is printed and the exit code is 130.
void TestCli::sigintPrintsSummaryAndExits130()
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    startProcess(process,
                 {QStringLiteral("stream"), QStringLiteral("--topic"),
                  QStringLiteral("ethereum.transactions"), QStringLiteral("--url"), url()});
    // A first message means the signal handler is installed and the stream runs.
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    QCOMPARE(::kill(pid_t(process.processId()), SIGINT), 0);
    QVERIFY(finished.wait(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 130);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(QRegularExpression(QStringLiteral("messages: [1-9]"))
                 .match(QString::fromUtf8(err))
                 .hasMatch(),
             err.constData());
    QVERIFY(!err.contains(secretKey.toUtf8()));
}

// A reader that goes away (`| head -n 3`) ends the stream quietly with exit 0, no SIGPIPE death.
void TestCli::closedStdoutEndsQuietly()
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    const QString script =
        QStringLiteral("\"$0\" stream --topic ethereum.transactions --url \"$1\" | head -n 3; "
                       "exit ${PIPESTATUS[0]}");
    process.setProgram(QStringLiteral("bash"));
    process.setArguments({QStringLiteral("-c"), script, CliRunner::executablePath(), url()});
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ALLIUM_API_KEY"), secretKey);
    environment.insert(QStringLiteral("HOME"), m_home.path());
    process.setProcessEnvironment(environment);
    process.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QCOMPARE(process.readAllStandardOutput().count('\n'), 3);
    QVERIFY(process.readAllStandardError().contains("messages:"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
