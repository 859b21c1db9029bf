// SPDX-License-Identifier: MIT
#include "core/json/jsonsyntaxcheck.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace allium;

class TestJsonSyntaxCheck : public QObject
{
    Q_OBJECT

private slots:
    // Errors are placed at the offending character, as line and column an editor shows.
    void errorsHaveLineAndColumn_data();
    void errorsHaveLineAndColumn();
    // Valid objects and arrays parse; blank text is valid and empty.
    void validText();
};

void TestJsonSyntaxCheck::errorsHaveLineAndColumn_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("missing value") << QStringLiteral("{\"limit\": }") << 1 << 11;
    QTest::newRow("missing colon, line 2") << QStringLiteral("{\n  \"limit\" \"3\"\n}") << 2 << 11;
    QTest::newRow("first character") << QStringLiteral("x") << 1 << 1;
    QTest::newRow("garbage at end") << QStringLiteral("{}\n{}") << 2 << 1;
    QTest::newRow("after non-ASCII") << QStringLiteral("{\"é€\": x}") << 1 << 8;
    QTest::newRow("trailing comma") << QStringLiteral("[1,\n 2,\n]") << 3 << 1;
}

void TestJsonSyntaxCheck::errorsHaveLineAndColumn()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonSyntaxCheck check = JsonSyntaxCheck::check(text);
    QVERIFY(!check.isValid());
    QVERIFY(!check.isEmpty());
    QCOMPARE(check.line(), line);
    QCOMPARE(check.column(), column);
    QVERIFY(!check.reason().isEmpty());
    QVERIFY(
        check.message().startsWith(QStringLiteral("Line %1, column %2: ").arg(line).arg(column)));
}

void TestJsonSyntaxCheck::validText()
{
    const JsonSyntaxCheck object = JsonSyntaxCheck::check(QStringLiteral(" {\"a\": [1]} "));
    QVERIFY(object.isValid());
    QCOMPARE(object.value().toObject().value(QLatin1String("a")).toArray().size(), 1);
    QVERIFY(object.message().isEmpty());
    QCOMPARE(object.offset(), -1);
    QVERIFY(JsonSyntaxCheck::check(QStringLiteral("[]")).value().isArray());
    const JsonSyntaxCheck blank = JsonSyntaxCheck::check(QStringLiteral(" \n\t"));
    QVERIFY(blank.isValid());
    QVERIFY(blank.isEmpty());
    QVERIFY(blank.value().isUndefined());
}

QTEST_GUILESS_MAIN(TestJsonSyntaxCheck)
#include "tst_jsonsyntaxcheck.moc"
