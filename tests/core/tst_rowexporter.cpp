#include "messagetablemodel.h"
#include "rowexporter.h"

#include <QBuffer>
#include <QTest>

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
    void failingDevice();

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

QTEST_GUILESS_MAIN(TestRowExporter)
#include "tst_rowexporter.moc"
