// SPDX-License-Identifier: MIT
#include "core/record/recordingreader.h"
#include "emulator/emulatorserver.h"
#include "support/clirunner.h"
#include "support/emulatortesting.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/resource.h>

using namespace allium;

namespace {

const QString secretKey = QStringLiteral("cli-record-key-5e2b7a");

struct Recording
{
    RecordingHeader header;
    QList<QByteArray> messages;
    QList<qint64> timesUs;
    RecordingProblem problem;
    QString error;
};

Recording readRecording(const QString &path)
{
    Recording recording;
    RecordingReader reader;
    if (!reader.open(path)) {
        recording.error = reader.errorString();
        return recording;
    }
    recording.header = reader.header();
    RecordedMessage message;
    while (reader.readNext(&message)) {
        recording.messages.append(message.json);
        recording.timesUs.append(message.timeUs);
    }
    recording.problem = reader.problem();
    return recording;
}

} // namespace

// allium-cli stream --record FILE: stdout unchanged, the file holds the same messages
// byte-exact; what it recorded replays through allium-emulator --replay byte-exact again.
class TestCliRecord : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void recordsWhatItPrints_data();
    void recordsWhatItPrints();
    // Recorded from the emulator, replayed by it, streamed again: the same bytes.
    void replayOfARecordingStreamsTheSameBytes();
    // A file that cannot be created: a clear message and the usage exit code, before streaming.
    void unwritableFileIsRefused();
    // A write error mid-way (the file size limit, as a full disk) stops the recording with a
    // message on stderr; the stream goes on to its --count.
    void writeErrorStopsOnlyTheRecording();
    void rotationNeedsRecord();

private:
    CliRun run(const QStringList &arguments, int timeoutMs = 20000) const
    {
        return CliRunner(m_home.path()).run(arguments, secretKey, timeoutMs);
    }
    QStringList streamArguments(const QString &url, int count) const
    {
        return {QStringLiteral("stream"),
                QStringLiteral("--topic"),
                QStringLiteral("ethereum.logs"),
                QStringLiteral("--count"),
                QString::number(count),
                QStringLiteral("--url"),
                url};
    }

    std::unique_ptr<EmulatorServer> m_server;
    QTemporaryDir m_home;
    QTemporaryDir m_files;
};

void TestCliRecord::initTestCase()
{
    QVERIFY(QFile::exists(CliRunner::executablePath()));
    QVERIFY(m_home.isValid());
}

void TestCliRecord::init()
{
    EmulatorOptions options = emulatorOptionsAccepting(secretKey);
    options.rate = 400;
    m_server = startEmulator(options);
}

void TestCliRecord::cleanup()
{
    m_server.reset();
}

void TestCliRecord::recordsWhatItPrints_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QStringLiteral("cli.jsonl");
    QTest::newRow("zstd") << QStringLiteral("cli.jsonl.zst");
}

void TestCliRecord::recordsWhatItPrints()
{
    QFETCH(QString, name);
    const QString path = m_files.filePath(name);
    const qint64 before = QDateTime::currentMSecsSinceEpoch() * 1000;
    const CliRun result = run(streamArguments(m_server->baseUrl().toString(), 200) +
                              QStringList{QStringLiteral("--record"), path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.lines().size(), 200);
    QVERIFY2(result.err.contains("recorded: 200 messages"), result.err.constData());
    QVERIFY(result.err.contains("dropped: 0"));

    const Recording recording = readRecording(path);
    QVERIFY2(recording.error.isEmpty(), qPrintable(recording.error));
    QVERIFY2(recording.problem.isNull(), qPrintable(recording.problem.message()));
    QCOMPARE(recording.messages, result.lines());
    QCOMPARE(recording.header.topic, QStringLiteral("ethereum.logs"));
    QCOMPARE(recording.header.host, QStringLiteral("127.0.0.1:%1").arg(m_server->port()));
    QVERIFY(recording.header.app.startsWith(QLatin1String("allium-cli ")));
    QVERIFY(recording.timesUs.first() >= before);
    QVERIFY(std::is_sorted(recording.timesUs.begin(), recording.timesUs.end()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(secretKey.toUtf8()));
}

void TestCliRecord::replayOfARecordingStreamsTheSameBytes()
{
    const QString path = m_files.filePath(QStringLiteral("for-replay.jsonl"));
    const CliRun recorded = run(streamArguments(m_server->baseUrl().toString(), 100) +
                                QStringList{QStringLiteral("--record"), path});
    QVERIFY2(recorded.exitCode == 0, recorded.err.constData());

    EmulatorOptions options = emulatorOptionsAccepting(secretKey);
    options.replay.path = path;
    options.replay.topic = QStringLiteral("ethereum.logs");
    options.speed = 20; // the pacing has its own test; here only the bytes count
    const auto replaying = startEmulator(options);
    const CliRun replayed = run(streamArguments(replaying->baseUrl().toString(), 100));
    QVERIFY2(replayed.exitCode == 0, replayed.err.constData());
    QCOMPARE(replayed.lines(), recorded.lines());
}

void TestCliRecord::unwritableFileIsRefused()
{
    const CliRun result = run(streamArguments(m_server->baseUrl().toString(), 5) +
                              QStringList{QStringLiteral("--record"),
                                          m_files.filePath(QStringLiteral("no/such/dir/x.jsonl"))});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains("cannot record: cannot create"), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

void TestCliRecord::writeErrorStopsOnlyTheRecording()
{
    const QString path = m_files.filePath(QStringLiteral("limited.jsonl"));
    QProcess process;
    process.setChildProcessModifier([] {
        // In the child only: files may not grow past 16 KiB, and the signal that would kill
        // the process for trying is ignored (write(2) then fails with EFBIG).
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = 16 * 1024;
        setrlimit(RLIMIT_FSIZE, &limit);
    });
    QSignalSpy finished(&process, &QProcess::finished);
    CliRunner(m_home.path())
        .start(process,
               streamArguments(m_server->baseUrl().toString(), 300) +
                   QStringList{QStringLiteral("--record"), path},
               secretKey);
    QVERIFY(finished.wait(20000));
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitCode() == 0, err.constData());
    QCOMPARE(out.count('\n'), 300);
    // Said when the writer meets the limit: during the stream ("recording stopped, the stream
    // goes on: …"), or, when the writer's buffer first reaches the disk as the stream ends (a
    // fast run), in the summary's "stopped: writing … failed".
    QVERIFY2(err.contains("recording stopped, the stream goes on: writing") ||
                 err.contains("stopped: writing"),
             err.constData());
    QVERIFY(err.contains("File too large"));
    QVERIFY(err.contains("messages: 300"));

    // What was written reads back, the same as the first lines printed.
    const Recording recording = readRecording(path);
    QVERIFY(!recording.messages.isEmpty());
    QVERIFY(recording.messages.size() < 300);
    const QList<QByteArray> printed = out.split('\n');
    for (qsizetype i = 0; i < recording.messages.size(); ++i)
        QCOMPARE(recording.messages.at(i), printed.at(i));
}

void TestCliRecord::rotationNeedsRecord()
{
    const CliRun result =
        run(streamArguments(m_server->baseUrl().toString(), 5) +
            QStringList{QStringLiteral("--record-rotate-mb"), QStringLiteral("5")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("need --record FILE"));
}

QTEST_GUILESS_MAIN(TestCliRecord)
#include "tst_clirecord.moc"
