// SPDX-License-Identifier: MIT
#include "core/record/recordingreader.h"
#include "core/record/recordingwriter.h"
#include "core/stream/streammessage.h"
#include "support/filesizelimit.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace allium;

namespace {

struct Sample
{
    qint64 timeUs;
    QByteArray json;
};

// Messages a server could send: compact and spaced JSON, line feeds and CRs between tokens,
// escapes, non-ASCII, and text that is not JSON at all (kept as received all the same).
QList<Sample> trickySamples()
{
    return {
        {1764580000000001, R"({"block_number":1,"hash":"0xab"})"},
        {1764580000000002, "{ \"a\" : [1, 2.50, -0.0e+1] , \"b\":null }"},
        {1764580000000003, "{\"pretty\":\n  {\"x\": 1}\r\n}"},
        {1764580000000004, R"({"s":"quote \" backslash \\ tab \t \u2028 é 漢字 🙂"})"},
        {1764580000000005, "not JSON at all \x01 \"quoted\" \\"},
        {1764580000000005, ""},
        {1764580000000007, "{\"trailing\":true}   "},
    };
}

QList<Sample> readAll(const QString &path, RecordingProblem *problem = nullptr)
{
    RecordingReader reader;
    if (!reader.open(path))
        return {};
    QList<Sample> samples;
    RecordedMessage message;
    while (reader.readNext(&message))
        samples.append({message.timeUs, message.json});
    if (problem)
        *problem = reader.problem();
    return samples;
}

} // namespace

// RecordingWriter: every message comes back byte-exact with its time, plain and zstd; a write
// error stops the recording with a message and never the caller; rotation keeps every message.
class TestRecordingWriter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void roundTripIsByteExact_data();
    void roundTripIsByteExact();
    // The header says what the recording is, and holds the host only: no key, user or query.
    void headerDescribesWithoutSecrets();
    // jq reads every line of a plain recording as one JSON object.
    void jqReadsEveryLine();
    // /dev/full fails at start with the system's reason.
    void startFailsOnFullDevice();
    // A write error mid-recording (the file size limit, as a full disk would) stops the
    // recording with failed() and a clear message; the caller goes on, appends are refused.
    void writeErrorStopsTheRecording();
    // Rotation by size: several files, each with its header, together every message in order.
    void rotatesBySize();
    // Nothing is lost or counted twice: written + dropped == appended, with a tiny queue.
    void dropsAreCounted();
    // StreamMessage batches are recorded with their µs receive times.
    void recordsStreamBatches();
};

void TestRecordingWriter::roundTripIsByteExact_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QStringLiteral("rec.jsonl");
    QTest::newRow("zstd") << QStringLiteral("rec.jsonl.zst");
}

void TestRecordingWriter::roundTripIsByteExact()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    RecordingOptions options;
    options.path = dir.filePath(name);
    options.header.topic = QStringLiteral("ethereum.blocks");
    RecordingWriter writer;
    QVERIFY2(writer.start(options), qPrintable(writer.errorString()));
    const QList<Sample> samples = trickySamples();
    for (const Sample &sample : samples)
        QVERIFY(writer.append(sample.timeUs, sample.json));
    writer.stop();
    QCOMPARE(writer.stats().messages, samples.size());
    QCOMPARE(writer.stats().drops, 0);

    RecordingProblem problem;
    const QList<Sample> back = readAll(options.path, &problem);
    QVERIFY2(problem.isNull(), qPrintable(problem.message()));
    QCOMPARE(back.size(), samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i) {
        QCOMPARE(back.at(i).json, samples.at(i).json);
        QCOMPARE(back.at(i).timeUs, samples.at(i).timeUs);
    }
    RecordingReader reader;
    QVERIFY(reader.open(options.path));
    QCOMPARE(reader.isCompressed(), name.endsWith(QLatin1String(".zst")));
    QCOMPARE(reader.header().topic, QStringLiteral("ethereum.blocks"));
}

void TestRecordingWriter::headerDescribesWithoutSecrets()
{
    QTemporaryDir dir;
    RecordingOptions options;
    options.path = dir.filePath(QStringLiteral("rec.jsonl"));
    options.header.topic = QStringLiteral("solana.transactions");
    QJsonObject filter;
    filter.insert(QStringLiteral("field"), QStringLiteral("fee"));
    filter.insert(QStringLiteral("operator"), QStringLiteral(">"));
    filter.insert(QStringLiteral("value"), 5000);
    options.header.filter = filter;
    options.header.profile = QStringLiteral("Production");
    options.header.host = RecordingHeader::hostOf(
        QUrl(QStringLiteral("wss://user:secret-pass@api.example.com:8443/ws?api_key=SECRETKEY")));
    options.header.app = QStringLiteral("allium-test 1.2.3");
    const qint64 before = RecordingWriter::currentTimeUs();
    RecordingWriter writer;
    QVERIFY(writer.start(options));
    writer.stop();

    QFile file(options.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(!contents.contains("secret-pass"));
    QVERIFY(!contents.contains("SECRETKEY"));
    QVERIFY(!contents.contains("user"));
    QVERIFY(contents.startsWith(R"({"format":"allium-recording","version":1,)"));
    RecordingReader reader;
    QVERIFY(reader.open(options.path));
    const RecordingHeader header = reader.header();
    QCOMPARE(header.host, QStringLiteral("api.example.com:8443"));
    QCOMPARE(header.topic, options.header.topic);
    QCOMPARE(header.filter, options.header.filter);
    QCOMPARE(header.profile, QStringLiteral("Production"));
    QCOMPARE(header.version, RecordingHeader::CurrentVersion);
    QVERIFY(header.startedUs >= before);
    QVERIFY(header.startedUs <= RecordingWriter::currentTimeUs());
}

void TestRecordingWriter::jqReadsEveryLine()
{
    const QString jq = QStandardPaths::findExecutable(QStringLiteral("jq"));
    if (jq.isEmpty())
        QSKIP("jq is not installed");
    QTemporaryDir dir;
    RecordingOptions options;
    options.path = dir.filePath(QStringLiteral("rec.jsonl"));
    options.header.topic = QStringLiteral("ethereum.blocks");
    RecordingWriter writer;
    QVERIFY(writer.start(options));
    const QList<Sample> samples = trickySamples();
    for (const Sample &sample : samples)
        writer.append(sample.timeUs, sample.json);
    writer.stop();

    QProcess process;
    // Line 1 is the header; then each message's time, and its text whichever form it took.
    process.start(jq, {QStringLiteral("-r"),
                       QStringLiteral("if .format then \"header \\(.topic)\" else "
                                      "\"\\(.t) \\(if has(\"m\") then \"m\" else \"s\" end)\" end"),
                       options.path});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QList<QByteArray> lines = process.readAllStandardOutput().trimmed().split('\n');
    QCOMPARE(lines.size(), samples.size() + 1);
    QCOMPARE(lines.at(0), QByteArray("header ethereum.blocks"));
    QCOMPARE(lines.at(1), QByteArray("1764580000000001 m"));
    QCOMPARE(lines.at(3), QByteArray("1764580000000003 s")); // holds line feeds
    QCOMPARE(lines.at(5), QByteArray("1764580000000005 s")); // not JSON
}

void TestRecordingWriter::startFailsOnFullDevice()
{
    if (!QFile::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full");
    RecordingOptions options;
    options.path = QStringLiteral("/dev/full");
    options.header.topic = QStringLiteral("ethereum.blocks");
    RecordingWriter writer;
    QVERIFY(!writer.start(options));
    QVERIFY2(writer.errorString().contains(QLatin1String("No space left on device")),
             qPrintable(writer.errorString()));
    QVERIFY(writer.errorString().contains(QLatin1String("/dev/full")));
    QVERIFY(!writer.isRunning());
    QVERIFY(!writer.append(1, "{}"));
}

void TestRecordingWriter::writeErrorStopsTheRecording()
{
    QTemporaryDir dir;
    // A full disk, as the file size limit makes it (see FileSizeLimit).
    auto limit = std::make_unique<testing::FileSizeLimit>(64 * 1024);
    QVERIFY(limit->isActive());

    RecordingOptions options;
    options.path = dir.filePath(QStringLiteral("rec.jsonl"));
    options.header.topic = QStringLiteral("ethereum.blocks");
    RecordingWriter writer;
    QSignalSpy failed(&writer, &RecordingWriter::failed);
    QVERIFY(writer.start(options));
    const QByteArray message = R"({"block_number":1,"padding":")" + QByteArray(1000, 'x') + "\"}";
    for (int i = 0; i < 200; ++i)
        writer.append(i, message);
    QVERIFY(failed.wait(10000));
    const QString reason = failed.first().first().toString();
    QVERIFY2(reason.contains(QLatin1String("File too large")), qPrintable(reason));
    QVERIFY(reason.contains(options.path));
    QVERIFY(reason.contains(QLatin1String("the recording stopped")));
    QCOMPARE(writer.errorString(), reason);
    QVERIFY(!writer.isRunning());
    QVERIFY(!writer.append(1, message));
    writer.stop();
    limit.reset(); // the limit off again before reading back

    // What reached the file reads back, up to its last complete line.
    RecordingProblem problem;
    const QList<Sample> back = readAll(options.path, &problem);
    QVERIFY(back.size() > 10);
    QVERIFY(back.size() < 200);
    for (const Sample &sample : back)
        QCOMPARE(sample.json, message);
}

void TestRecordingWriter::rotatesBySize()
{
    QTemporaryDir dir;
    RecordingOptions options;
    options.path = dir.filePath(QStringLiteral("rec.jsonl"));
    options.header.topic = QStringLiteral("ethereum.blocks");
    options.rotateBytes = 2000;
    RecordingWriter writer;
    QSignalSpy rotated(&writer, &RecordingWriter::rotated);
    QVERIFY(writer.start(options));
    QList<QByteArray> sent;
    for (int i = 0; i < 100; ++i) {
        sent.append(QStringLiteral(R"({"n":%1,"pad":"%2"})")
                        .arg(i)
                        .arg(QString(50, QLatin1Char('p')))
                        .toUtf8());
        QVERIFY(writer.append(i, sent.last()));
    }
    writer.stop();
    const int files = writer.stats().files;
    QVERIFY2(files >= 4, qPrintable(QString::number(files)));
    QTRY_COMPARE(rotated.size(), files - 1);
    QCOMPARE(rotated.first().first().toString(), dir.filePath(QStringLiteral("rec-2.jsonl")));

    QList<QByteArray> back;
    for (int part = 1; part <= files; ++part) {
        RecordingReader reader;
        QVERIFY(reader.open(RecordingWriter::partPath(options.path, part)));
        QCOMPARE(reader.header().part, part);
        RecordedMessage message;
        while (reader.readNext(&message))
            back.append(message.json);
        QVERIFY(reader.problem().isNull());
    }
    QCOMPARE(back, sent);
}

void TestRecordingWriter::dropsAreCounted()
{
    QTemporaryDir dir;
    RecordingOptions options;
    options.path = dir.filePath(QStringLiteral("rec.jsonl"));
    options.header.topic = QStringLiteral("ethereum.blocks");
    options.maxQueueBytes = 100;
    RecordingWriter writer;
    QVERIFY(writer.start(options));
    int accepted = 0;
    const QByteArray message = R"({"x":")" + QByteArray(60, 'y') + "\"}";
    for (int i = 0; i < 5000; ++i)
        accepted += writer.append(i, message) ? 1 : 0;
    writer.stop();
    const RecordingStats stats = writer.stats();
    QCOMPARE(stats.messages, accepted);
    QCOMPARE(stats.messages + stats.drops, 5000);
    QCOMPARE(readAll(options.path).size(), accepted);
}

void TestRecordingWriter::recordsStreamBatches()
{
    QTemporaryDir dir;
    RecordingOptions options;
    options.path = dir.filePath(QStringLiteral("rec.jsonl.zst"));
    options.header.topic = QStringLiteral("ethereum.blocks");
    RecordingWriter writer;
    QVERIFY(writer.start(options));
    QVector<StreamMessage> batch(3);
    for (int i = 0; i < batch.size(); ++i) {
        batch[i].json = QByteArray("{\"i\":") + QByteArray::number(i) + '}';
        batch[i].receivedAtUs = 1764580000000000 + i * 7;
    }
    writer.append(batch);
    writer.stop();
    const QList<Sample> back = readAll(options.path);
    QCOMPARE(back.size(), 3);
    QCOMPARE(back.at(2).json, QByteArray("{\"i\":2}"));
    QCOMPARE(back.at(2).timeUs, 1764580000000014);
}

QTEST_GUILESS_MAIN(TestRecordingWriter)
#include "tst_recordingwriter.moc"
