// SPDX-License-Identifier: MIT
#include "core/table/messagetablemodel.h"
#include "core/table/rowexporter.h"
#include "core/table/rowexporttask.h"

#include <QBuffer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace allium;

// RowExporter: NDJSON is the raw rows; CSV has exact values and RFC 4180 quoting.
class TestRowExporter : public QObject
{
    Q_OBJECT
private slots:
    void ndjsonIsRawRows();
    void csvExactValues();
    void csvField_data();
    void csvField();
    // A cell a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading ';
    // plain decimal numbers stay numbers.
    void neutralised_data();
    void neutralised();
    // The whole export: hostile strings and field names neutralised, numbers untouched.
    void csvFormulasNeutralised();
    void failingDevice();
    void writeFileChoosesFormatByName();
    void failedWriteFileGivesTheError();
    // RowExportTask writes a snapshot on a worker: the caller's event loop keeps running, the
    // file is complete, and it reports progress and the row count.
    void taskWritesInBackground();
    // Cancelling stops the worker and leaves no file behind; a failure says why.
    void taskCancelLeavesNoFile();
    void taskReportsErrors();

private:
    static void fill(MessageTableModel *model, const QList<QByteArray> &rows);
};

void TestRowExporter::fill(MessageTableModel *model, const QList<QByteArray> &rows)
{
    QVector<StreamMessage> messages;
    quint64 sequence = 0;
    for (const QByteArray &json : rows) {
        StreamMessage message;
        message.json = json;
        message.sequence = ++sequence;
        messages.append(message);
    }
    model->appendMessages(messages);
}

// Each row's JSON exactly as received, one per line; pretty-printed input is compacted.
void TestRowExporter::ndjsonIsRawRows()
{
    MessageTableModel model;
    model.setColumns({QStringLiteral("a")});
    fill(&model, {R"({"a":1,"b":"x"})", "{\n  \"a\": 2\n}"});
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QCOMPARE(RowExporter::write(model, RowExporter::Format::Ndjson, &buffer), qint64(2));
    QCOMPARE(buffer.data(), QByteArray("{\"a\":1,\"b\":\"x\"}\n{\"a\":2}\n"));
}

// CSV: the column paths as header; wei strings stay exact, nested values as compact JSON,
// absent and null values empty, big integers without exponent.
void TestRowExporter::csvExactValues()
{
    MessageTableModel model;
    model.setColumns({QStringLiteral("value"), QStringLiteral("n"), QStringLiteral("o"),
                      QStringLiteral("s"), QStringLiteral("missing")});
    fill(&model, {R"({"value":"1000000000000000000001","n":18000000,"o":{"k":[1,2]},)"
                  R"("s":"a,\"b\"","missing":null})",
                  R"({"value":"5","n":0.25,"o":true,"s":"plain"})"});
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QCOMPARE(RowExporter::write(model, RowExporter::Format::Csv, &buffer), qint64(2));
    QCOMPARE(buffer.data(),
             QByteArray("value,n,o,s,missing\r\n"
                        "1000000000000000000001,18000000,\"{\"\"k\"\":[1,2]}\",\"a,\"\"b\"\"\",\r\n"
                        "5,0.25,true,plain,\r\n"));
}

void TestRowExporter::csvField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("abc");
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QStringLiteral("\"a\"\"b\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("empty") << QString() << QString();
}

void TestRowExporter::csvField()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(RowExporter::csvField(text), expected);
}

void TestRowExporter::neutralised_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("equals") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
    QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::newRow("minus formula")
        << QStringLiteral("-2+3+cmd|' /C calc'!A0") << QStringLiteral("'-2+3+cmd|' /C calc'!A0");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("carriage return") << QStringLiteral("\r=1") << QStringLiteral("'\r=1");
    QTest::newRow("negative number") << QStringLiteral("-1.5") << QStringLiteral("-1.5");
    QTest::newRow("negative integer") << QStringLiteral("-42") << QStringLiteral("-42");
    QTest::newRow("minus alone") << QStringLiteral("-") << QStringLiteral("'-");
    QTest::newRow("plain") << QStringLiteral("a=b") << QStringLiteral("a=b");
    QTest::newRow("empty") << QString() << QString();
}

void TestRowExporter::neutralised()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(RowExporter::neutralised(text), expected);
}

void TestRowExporter::csvFormulasNeutralised()
{
    MessageTableModel model;
    model.setColumns({QStringLiteral("s"), QStringLiteral("n"), QStringLiteral("=x")});
    fill(&model,
         {R"json({"s":"=HYPERLINK(\"http://evil\",\"x\")","n":-1.5,"=x":"@A1"})json",
          R"json({"s":"+1","n":"-2","=x":"\tx"})json", R"json({"s":"-1+cmd","n":-1e300})json"});
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QCOMPARE(RowExporter::write(model, RowExporter::Format::Csv, &buffer), qint64(3));
    QCOMPARE(buffer.data(),
             QByteArray("s,n,'=x\r\n"
                        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-1.5,'@A1\r\n"
                        "'+1,-2,'\tx\r\n"
                        "'-1+cmd,-1.0000000000000001e+300,\r\n"));
}

// A device that refuses writes gives -1 and its error.
void TestRowExporter::failingDevice()
{
    MessageTableModel model;
    fill(&model, {R"({"a":1})"});
    QBuffer buffer; // not open
    QString error;
    QCOMPARE(RowExporter::write(model, RowExporter::Format::Ndjson, &buffer, &error), qint64(-1));
    QVERIFY(!error.isEmpty());
}

// writeFile(): CSV for a .csv name (any case), NDJSON for any other.
void TestRowExporter::writeFileChoosesFormatByName()
{
    MessageTableModel model;
    model.setColumns({QStringLiteral("a")});
    fill(&model, {R"({"a":1})", R"({"a":2})"});
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csv = dir.filePath(QStringLiteral("rows.CSV"));
    const QString ndjson = dir.filePath(QStringLiteral("rows.ndjson"));
    QCOMPARE(RowExporter::writeFile(model, csv), qint64(2));
    QCOMPARE(RowExporter::writeFile(model, ndjson), qint64(2));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QCOMPARE(csvFile.readAll(), QByteArray("a\r\n1\r\n2\r\n"));
    QFile ndjsonFile(ndjson);
    QVERIFY(ndjsonFile.open(QIODevice::ReadOnly));
    QCOMPARE(ndjsonFile.readAll(), QByteArray("{\"a\":1}\n{\"a\":2}\n"));
}

// A file that cannot be written gives -1 and its error.
void TestRowExporter::failedWriteFileGivesTheError()
{
    MessageTableModel model;
    fill(&model, {R"({"a":1})"});
    QString error;
    QCOMPARE(RowExporter::writeFile(model, QStringLiteral("/nonexistent/dir/rows.ndjson"), &error),
             qint64(-1));
    QVERIFY(!error.isEmpty());
}

namespace {

QVector<QByteArray> manyRows(int count)
{
    QVector<QByteArray> rows;
    rows.reserve(count);
    for (int i = 0; i < count; ++i)
        rows.append(QByteArray("{\"n\":") + QByteArray::number(i) +
                    ",\"hash\":\"0xabcdef\",\"payload\":{\"px\":\"" + QByteArray::number(i * 3) +
                    "\"}}");
    return rows;
}

} // namespace

void TestRowExporter::taskWritesInBackground()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("rows.csv"));
    const QVector<QByteArray> rows = manyRows(60000);
    RowExportTask task;
    QSignalSpy finished(&task, &RowExportTask::finished);
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(1);
    connect(&ticker, &QTimer::timeout, &task, [&ticks] { ++ticks; });
    ticker.start();
    task.start(rows, {QStringLiteral("n"), QStringLiteral("payload.px")}, csv);
    QVERIFY(task.isRunning());
    QCOMPARE(task.total(), qint64(60000));
    QVERIFY(finished.wait(30000));
    QVERIFY(!task.isRunning());
    QCOMPARE(finished.first().at(0).toLongLong(), qint64(60000));
    QVERIFY(finished.first().at(1).toString().isEmpty());
    QVERIFY(ticks > 0); // this thread's event loop ran while the file was written
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 60002); // header, rows, and the empty text after the last newline
    QCOMPARE(lines.first(), QByteArray("n,payload.px\r"));
    QCOMPARE(lines.at(60000), QByteArray("59999,179997\r"));
}

void TestRowExporter::taskCancelLeavesNoFile()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("rows.csv"));
    RowExportTask task;
    QSignalSpy finished(&task, &RowExportTask::finished);
    task.start(manyRows(400000), {QStringLiteral("n")}, csv);
    task.cancel();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toLongLong(), qint64(-1));
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("Export cancelled"));
    QVERIFY(!QFile::exists(csv));
}

void TestRowExporter::taskReportsErrors()
{
    RowExportTask task;
    QSignalSpy finished(&task, &RowExportTask::finished);
    task.start(manyRows(10), {}, QStringLiteral("/nonexistent/dir/rows.ndjson"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toLongLong(), qint64(-1));
    QVERIFY(!finished.first().at(1).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestRowExporter)
#include "tst_rowexporter.moc"
