// SPDX-License-Identifier: MIT
#include "core/record/recordingreader.h"
#include "core/record/recordingwriter.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace allium;

namespace {

QByteArray messageText(int i)
{
    return QStringLiteral(R"({"block_number":%1,"hash":"0x%2"})")
        .arg(i)
        .arg(i * 7919, 8, 16, QLatin1Char('0'))
        .toUtf8();
}

// A recording of `count` messages, message i received at `firstUs + i * stepUs`.
void writeRecording(const QString &path, int count, qint64 firstUs = 1764580000000000,
                    qint64 stepUs = 1000, int syncIntervalMs = 1000)
{
    RecordingOptions options;
    options.path = path;
    options.header.topic = QStringLiteral("ethereum.blocks");
    options.syncIntervalMs = syncIntervalMs;
    RecordingWriter writer;
    QVERIFY(writer.start(options));
    for (int i = 0; i < count; ++i)
        QVERIFY(writer.append(firstUs + i * stepUs, messageText(i)));
    writer.stop();
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(contents), contents.size());
}

} // namespace

// RecordingReader: reads up to the last good line of a damaged file and says which line is bad
// and why; refuses foreign files and newer versions; seeks by index and time on a lazy index.
class TestRecordingReader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    // A plain recording cut at every byte: every complete line reads, the cut one is reported
    // (or the header is refused), never a wrong or partial message.
    void truncatedAtEveryByte();
    // A compressed one cut at every byte: what reads is a prefix of the messages, exact.
    void compressedTruncatedAtEveryByte();
    void corruptedLineStopsWithLineAndReason_data();
    void corruptedLineStopsWithLineAndReason();
    void foreignFilesAreRefused_data();
    void foreignFilesAreRefused();
    void newerVersionIsRefused();
    // Seeking by message index and by time lands on the right message, plain and compressed
    // (many zstd frames), before and after the index is complete.
    void seeks_data();
    void seeks();
    // The background scan counts messages, times and the bad line, and reports completion.
    void indexCountsAndReports();
    // The demo recordings shipped with the app read to their end, in time order, keyless.
    void shippedRecordingsRead();
};

void TestRecordingReader::truncatedAtEveryByte()
{
    QTemporaryDir dir;
    const QString full = dir.filePath(QStringLiteral("full.jsonl"));
    writeRecording(full, 4);
    const QByteArray bytes = contentsOf(full);
    const qsizetype headerEnd = bytes.indexOf('\n') + 1;
    const QString cut = dir.filePath(QStringLiteral("cut.jsonl"));
    for (qsizetype size = 0; size <= bytes.size(); ++size) {
        const QByteArray prefix = bytes.left(size);
        writeFile(cut, prefix);
        RecordingReader reader;
        if (size < headerEnd) {
            QVERIFY(!reader.open(cut));
            QVERIFY2(reader.errorString().startsWith(QLatin1String("not an Allium recording")),
                     qPrintable(reader.errorString()));
            continue;
        }
        QVERIFY2(reader.open(cut), qPrintable(reader.errorString()));
        const int completeMessages = int(prefix.count('\n')) - 1;
        RecordedMessage message;
        int read = 0;
        while (reader.readNext(&message)) {
            QCOMPARE(message.json, messageText(read));
            QCOMPARE(message.index, read);
            ++read;
        }
        QCOMPARE(read, completeMessages);
        if (prefix.endsWith('\n')) {
            QVERIFY(reader.problem().isNull());
        } else {
            QCOMPARE(reader.problem().line, completeMessages + 2);
            QVERIFY(reader.problem().message().startsWith(
                QStringLiteral("line %1: cut off").arg(completeMessages + 2)));
        }
        reader.waitForIndex();
        QCOMPARE(reader.indexedMessages(), completeMessages);
    }
}

void TestRecordingReader::compressedTruncatedAtEveryByte()
{
    QTemporaryDir dir;
    const QString full = dir.filePath(QStringLiteral("full.jsonl.zst"));
    writeRecording(full, 20);
    const QByteArray bytes = contentsOf(full);
    const QString cut = dir.filePath(QStringLiteral("cut.jsonl.zst"));
    int fullReads = 0;
    for (qsizetype size = 0; size <= bytes.size(); ++size) {
        writeFile(cut, bytes.left(size));
        RecordingReader reader;
        if (!reader.open(cut))
            continue; // the header's frame is cut
        RecordedMessage message;
        int read = 0;
        while (reader.readNext(&message)) {
            QCOMPARE(message.json, messageText(read));
            ++read;
        }
        QVERIFY(read <= 20);
        fullReads += read == 20 ? 1 : 0;
    }
    QVERIFY(fullReads >= 1);
}

void TestRecordingReader::corruptedLineStopsWithLineAndReason_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reason");
    QTest::newRow("garbage") << QByteArray("hello") << QStringLiteral("not a recording line");
    QTest::newRow("bad time") << QByteArray(R"({"t":x,"m":{}})") << QStringLiteral("bad time");
    QTest::newRow("bad json") << QByteArray(R"({"t":5,"m":{"a":})")
                              << QStringLiteral("the message is not valid JSON");
    QTest::newRow("bad key") << QByteArray(R"({"t":5,"x":{}})") << QStringLiteral("expected \"m\"");
    QTest::newRow("bad string") << QByteArray(R"({"t":5,"s":"\q"})")
                                << QStringLiteral("not a valid JSON string");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not a recording line");
    QTest::newRow("nul bytes") << QByteArray(40, '\0') << QStringLiteral("not a recording line");
}

void TestRecordingReader::corruptedLineStopsWithLineAndReason()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rec.jsonl"));
    writeRecording(path, 5);
    QList<QByteArray> lines = contentsOf(path).split('\n');
    lines[3] = line; // the third message's line (line 4 of the file)
    writeFile(path, lines.join('\n'));
    RecordingReader reader;
    QVERIFY(reader.open(path));
    RecordedMessage message;
    int read = 0;
    while (reader.readNext(&message))
        QCOMPARE(message.json, messageText(read++));
    QCOMPARE(read, 2);
    QCOMPARE(reader.problem().line, 4);
    QVERIFY2(reader.problem().reason.contains(reason), qPrintable(reader.problem().reason));
    reader.waitForIndex();
    QCOMPARE(reader.indexedMessages(), 2);
    QCOMPARE(reader.indexProblem().line, 4);
}

void TestRecordingReader::foreignFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("the file is empty");
    QTest::newRow("text") << QByteArray("hello\nworld\n") << QStringLiteral("not a JSON object");
    QTest::newRow("ndjson") << QByteArray("{\"a\":1}\n{\"a\":2}\n")
                            << QStringLiteral("no \"format\":\"allium-recording\"");
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                         << QStringLiteral("not a JSON object");
    QTest::newRow("no topic") << QByteArray(R"({"format":"allium-recording","version":1})"
                                            "\n")
                              << QStringLiteral("no \"topic\"");
    QTest::newRow("long binary") << QByteArray(3 * 1024 * 1024, 'x')
                                 << QStringLiteral("longer than");
}

void TestRecordingReader::foreignFilesAreRefused()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("foreign"));
    writeFile(path, contents);
    RecordingReader reader;
    QVERIFY(!reader.open(path));
    QVERIFY2(reader.errorString().contains(reason), qPrintable(reader.errorString()));
    RecordedMessage message;
    QVERIFY(!reader.readNext(&message));

    QVERIFY(!reader.open(dir.filePath(QStringLiteral("missing"))));
    QVERIFY(reader.errorString().startsWith(QLatin1String("cannot open")));
}

void TestRecordingReader::newerVersionIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rec.jsonl"));
    writeFile(path, R"({"format":"allium-recording","version":7,"topic":"ethereum.blocks"})"
                    "\n{\"t\":1,\"m\":{}}\n");
    RecordingReader reader;
    QVERIFY(!reader.open(path));
    QVERIFY2(reader.errorString().contains(QLatin1String("format version 7")),
             qPrintable(reader.errorString()));
    QVERIFY(reader.errorString().contains(QLatin1String("newer version")));
}

void TestRecordingReader::seeks_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("waitForIndex");
    QTest::newRow("plain, indexed") << QStringLiteral("rec.jsonl") << true;
    QTest::newRow("plain, indexing") << QStringLiteral("rec.jsonl") << false;
    QTest::newRow("zstd, indexed") << QStringLiteral("rec.jsonl.zst") << true;
    QTest::newRow("zstd, indexing") << QStringLiteral("rec.jsonl.zst") << false;
}

void TestRecordingReader::seeks()
{
    QFETCH(QString, name);
    QFETCH(bool, waitForIndex);
    QTemporaryDir dir;
    const QString path = dir.filePath(name);
    constexpr int Count = 5000;
    constexpr qint64 First = 1764580000000000;
    // A sync every millisecond: a compressed file gets many frames to seek between.
    writeRecording(path, Count, First, 1000, 1);
    RecordingReader reader;
    QVERIFY(reader.open(path));
    if (waitForIndex) {
        reader.waitForIndex();
        QVERIFY(reader.isIndexComplete());
        QCOMPARE(reader.indexedMessages(), Count);
        QCOMPARE(reader.firstTimeUs(), First);
        QCOMPARE(reader.lastTimeUs(), First + (Count - 1) * 1000);
    }
    RecordedMessage message;
    for (const int target : {3333, 10, 4999, 0, 2048, 1023, 1024, 4000}) {
        QVERIFY(reader.seekToMessage(target));
        QCOMPARE(reader.position(), target);
        QVERIFY(reader.readNext(&message));
        QCOMPARE(message.index, target);
        QCOMPARE(message.json, messageText(target));
        QCOMPARE(message.timeUs, First + target * 1000);
    }
    QVERIFY(!reader.seekToMessage(Count));
    QVERIFY(!reader.readNext(&message));

    // By time: the first message at or after it.
    QVERIFY(reader.seekToTime(First + 2500 * 1000 - 1));
    QCOMPARE(reader.position(), 2500);
    QVERIFY(reader.readNext(&message));
    QCOMPARE(message.index, 2500);
    QVERIFY(reader.readNext(&message));
    QCOMPARE(message.index, 2501);
    QVERIFY(reader.seekToTime(0));
    QCOMPARE(reader.position(), 0);
    QVERIFY(!reader.seekToTime(First + Count * 1000));
}

void TestRecordingReader::indexCountsAndReports()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rec.jsonl"));
    writeRecording(path, 3000);
    QFile file(path);
    QVERIFY(file.open(QIODevice::Append));
    file.write("{\"t\":12,\"m\":{\"cut"); // cut off mid-line, as by a crash
    file.close();
    RecordingReader reader;
    QSignalSpy completed(&reader, &RecordingReader::indexCompleted);
    QVERIFY(reader.open(path));
    QVERIFY(completed.wait(10000));
    QCOMPARE(completed.first().first().toLongLong(), 3000);
    QVERIFY(reader.isIndexComplete());
    QCOMPARE(reader.indexProblem().line, 3002);
    QVERIFY(reader.indexProblem().reason.startsWith(QLatin1String("cut off")));
}

void TestRecordingReader::shippedRecordingsRead()
{
    const QDir folder(QStringLiteral(ALLIUM_RECORDINGS_DIR));
    const QStringList names = folder.entryList({QStringLiteral("*.jsonl")}, QDir::Files);
    QVERIFY(!names.isEmpty());
    qint64 totalBytes = 0;
    for (const QString &name : names) {
        RecordingReader reader;
        QVERIFY2(reader.open(folder.filePath(name)), qPrintable(reader.errorString()));
        QVERIFY(!reader.header().topic.isEmpty());
        RecordedMessage message;
        qint64 previousUs = 0;
        int count = 0;
        while (reader.readNext(&message)) {
            QVERIFY(message.timeUs >= previousUs);
            previousUs = message.timeUs;
            ++count;
        }
        QVERIFY2(reader.problem().isNull(), qPrintable(reader.problem().message()));
        QVERIFY(count >= 5);
        totalBytes += reader.fileSize();
    }
    QVERIFY(totalBytes < 1024 * 1024);
}

QTEST_GUILESS_MAIN(TestRecordingReader)
#include "tst_recordingreader.moc"
