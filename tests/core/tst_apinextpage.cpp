// SPDX-License-Identifier: MIT
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apinextpage.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace allium;

class TestApiNextPage : public QObject
{
    Q_OBJECT
private slots:
    void cursorOfGetGoesInTheBody();
    void cursorOfPostGoesInTheQueryString();
    void lastPageHasNoNext();
    void offsetPagingAdvancesByLimit();
};

namespace {

const ApiEndpoint &endpoint(const char *path)
{
    return *ApiEndpointCatalogue::find(QLatin1String(path));
}

QJsonObject page(const char *cursor)
{
    return QJsonObject{
        {QStringLiteral("items"), QJsonArray{1}},
        {QStringLiteral("cursor"), cursor ? QJsonValue(QLatin1String(cursor)) : QJsonValue()}};
}

} // namespace

// A GET's next page sends the cursor as a body member (the query), replacing the old one.
void TestApiNextPage::cursorOfGetGoesInTheBody()
{
    ApiRequest request;
    request.id = QStringLiteral("a");
    request.method = QStringLiteral("GET");
    request.path = QStringLiteral("/api/v1/developer/assets?cursor=old");
    request.body = QJsonObject{{QStringLiteral("limit"), 10}};
    const auto next =
        ApiNextPage::after(endpoint("/api/v1/developer/assets"), request, page("b2Zm"));
    QVERIFY(next);
    QVERIFY(next->id.isEmpty());
    QCOMPARE(next->path, QStringLiteral("/api/v1/developer/assets"));
    QCOMPARE(next->body.toObject(),
             (QJsonObject{{QStringLiteral("limit"), 10},
                          {QStringLiteral("cursor"), QStringLiteral("b2Zm")}}));
}

// A POST's next page keeps the body and carries the cursor in the path's query string.
void TestApiNextPage::cursorOfPostGoesInTheQueryString()
{
    ApiRequest request;
    request.method = QStringLiteral("POST");
    request.path = QStringLiteral("/api/v1/developer/wallet/transactions?limit=5&cursor=x");
    request.body = QJsonArray{QJsonObject{{QStringLiteral("chain"), QStringLiteral("ethereum")}}};
    const auto next = ApiNextPage::after(endpoint("/api/v1/developer/wallet/transactions"), request,
                                         page("a+b/c="));
    QVERIFY(next);
    QCOMPARE(next->path,
             QStringLiteral("/api/v1/developer/wallet/transactions?limit=5&cursor=a%2Bb%2Fc%3D"));
    QCOMPARE(next->body, request.body);
}

void TestApiNextPage::lastPageHasNoNext()
{
    ApiRequest request;
    request.method = QStringLiteral("GET");
    request.path = QStringLiteral("/api/v1/developer/assets");
    QVERIFY(!ApiNextPage::after(endpoint("/api/v1/developer/assets"), request, page(nullptr)));
    QVERIFY(!ApiNextPage::after(endpoint("/api/v1/developer/assets"), request, page("")));
    // An endpoint without paging never has a next page, whatever the response holds.
    QVERIFY(!ApiNextPage::after(endpoint("/api/v1/developer/prices"), request, page("x")));
}

// Offset endpoints continue while a page is full: offset + limit.
void TestApiNextPage::offsetPagingAdvancesByLimit()
{
    ApiRequest request;
    request.method = QStringLiteral("GET");
    request.path = QStringLiteral("/api/v1/developer/tokens");
    request.body = QJsonObject{{QStringLiteral("limit"), 2}, {QStringLiteral("offset"), 4}};
    const ApiEndpoint &tokens = endpoint("/api/v1/developer/tokens");
    const auto next = ApiNextPage::after(tokens, request, QJsonArray{1, 2});
    QVERIFY(next);
    QCOMPARE(next->body.toObject().value(QStringLiteral("offset")).toInt(), 6);
    QVERIFY(!ApiNextPage::after(tokens, request, QJsonArray{1}));
}

QTEST_GUILESS_MAIN(TestApiNextPage)
#include "tst_apinextpage.moc"
