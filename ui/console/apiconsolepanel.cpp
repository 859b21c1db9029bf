// SPDX-License-Identifier: MIT
#include "ui/console/apiconsolepanel.h"

#include "core/api/apiclient.h"
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apihistorymodel.h"
#include "core/api/apinextpage.h"
#include "core/api/apiresult.h"
#include "core/api/savedrequeststore.h"
#include "core/settings/panelstate.h"
#include "ui/console/apicomposerwidget.h"
#include "ui/console/apihistorywidget.h"
#include "ui/text/plainlabel.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace allium {

namespace {

constexpr quint32 StateMagic = 0x41435031; // "ACP1"
constexpr quint32 StateVersion = 1;

} // namespace

ApiConsolePanel::ApiConsolePanel(SavedRequestStore *savedRequests, QWidget *parent)
    : QWidget(parent)
    , m_history(new ApiHistoryModel(this))
    , m_store(savedRequests)
    , m_composer(new ApiComposerWidget(m_store))
    , m_historyView(new ApiHistoryWidget(m_history))
    , m_splitter(new QSplitter(Qt::Vertical))
{
    setObjectName(QStringLiteral("apiConsolePanel"));
    setAccessibleName(QStringLiteral("API console"));

    m_splitter->setObjectName(QStringLiteral("consoleSplitter"));
    m_splitter->setAccessibleName(QStringLiteral("Request and history"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_composer);
    m_splitter->addWidget(m_historyView);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    // Room for the form's first fields beside the body; the history takes the rest.
    m_splitter->setSizes({280, 520});

    // Paging: the page after the last response of a cursor (or offset) endpoint.
    m_pagingLabel = new PlainLabel;
    m_pagingLabel->setObjectName(QStringLiteral("pagingLabel"));
    m_nextPage = new QPushButton(QStringLiteral("Next page"));
    m_nextPage->setObjectName(QStringLiteral("nextPageButton"));
    m_nextPage->setToolTip(
        QStringLiteral("Send the request again with the last response's cursor"));
    m_fetchAll = new QPushButton(QStringLiteral("Fetch all (up to %1 pages)").arg(FetchAllPages));
    m_fetchAll->setObjectName(QStringLiteral("fetchAllButton"));
    m_fetchAll->setToolTip(QStringLiteral("Follow the cursor page after page until the last"));
    connect(m_nextPage, &QPushButton::clicked, this, &ApiConsolePanel::fetchNextPage);
    connect(m_fetchAll, &QPushButton::clicked, this, [this] {
        m_pagesLeft = FetchAllPages;
        fetchNextPage();
    });
    auto *paging = new QHBoxLayout;
    paging->addWidget(m_pagingLabel, 1);
    paging->addWidget(m_nextPage);
    paging->addWidget(m_fetchAll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_splitter);
    layout->addLayout(paging);
    updatePaging();

    // Anywhere in the console, not only in the composer: the history is where one looks after.
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        shortcut->setWhatsThis(tr("Send the request"));
        connect(shortcut, &QShortcut::activated, this, &ApiConsolePanel::send);
    }

    connect(m_composer, &ApiComposerWidget::sendRequested, this,
            [this](const ApiRequest &request) { submit(request); });
    connect(m_composer, &ApiComposerWidget::noticePosted, m_historyView,
            &ApiHistoryWidget::showNotice);
    // A resend gets a new id from the composer, so ids stay unique across the console.
    connect(m_historyView, &ApiHistoryWidget::resendRequested, this,
            [this](const ApiRequest &request) {
                ApiRequest again = request;
                again.id = m_composer->generateId();
                submit(again);
            });
    connect(m_historyView, &ApiHistoryWidget::requestChosen, this,
            [this](const ApiRequest &request) {
                m_composer->loadTemplate(ApiTemplate::fromRequest({}, request));
            });
}

ApiConsolePanel::~ApiConsolePanel()
{
    // The model disconnects itself; the widgets drop their own connections.
    setApiClient(nullptr);
}

void ApiConsolePanel::setApiClient(ApiClient *client)
{
    disconnect(m_finishedConnection);
    m_client = client;
    if (client)
        m_finishedConnection =
            connect(client, &ApiClient::requestFinished, this, &ApiConsolePanel::handleFinished);
    m_history->attach(client);
    m_historyView->setApiClient(client);
    m_composer->setApiClient(client);
}

ApiClient *ApiConsolePanel::apiClient() const
{
    return m_client;
}

void ApiConsolePanel::loadTemplate(const ApiTemplate &request)
{
    m_composer->loadTemplate(request);
}

ApiTemplate ApiConsolePanel::currentTemplate(const QString &name) const
{
    return m_composer->currentTemplate(name);
}

QString ApiConsolePanel::problem() const
{
    return m_composer->problem();
}

void ApiConsolePanel::send()
{
    m_composer->send();
}

void ApiConsolePanel::submit(const ApiRequest &request, const QString &continuesId)
{
    if (!m_client)
        return;
    // Announced first, so the row exists before the client reports it queued or sent; a page
    // joins its walk's row.
    m_history->announce(request, continuesId);
    QString error;
    const QString id = m_client->submit(request, &error);
    if (id.isEmpty()) {
        m_historyView->showNotice(QStringLiteral("Not sent: %1").arg(error));
        return;
    }
    m_composer->markSubmitted(id);
    m_composer->addToSessionCost(request);
    m_lastId = id;
    if (continuesId.isEmpty()) {
        m_chainId = id;
        m_pageNumber = 1;
    }
    m_pageAfter.reset();
    updatePaging();
    m_historyView->selectId(id);
    m_historyView->showNotice({});
    emit requestSubmitted(id);
}

void ApiConsolePanel::handleFinished(const ApiResult &result)
{
    if (result.id != m_lastId)
        return;
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(result.request.path);
    m_pageAfter = result.succeeded() && endpoint
                      ? ApiNextPage::after(*endpoint, result.request, result.data)
                      : std::nullopt;
    if (!m_pageAfter)
        m_pagesLeft = 0;
    updatePaging();
    if (m_pagesLeft > 0)
        fetchNextPage();
}

void ApiConsolePanel::fetchNextPage()
{
    if (!m_pageAfter)
        return;
    ApiRequest next = *m_pageAfter;
    // Wire ids stay unique; the pages' names say which walk they belong to.
    next.id = QStringLiteral("%1-page-%2").arg(m_chainId).arg(++m_pageNumber);
    if (m_pagesLeft > 0)
        --m_pagesLeft;
    submit(next, m_lastId);
}

void ApiConsolePanel::updatePaging()
{
    const bool more = m_pageAfter.has_value();
    m_nextPage->setEnabled(more && m_pagesLeft == 0);
    m_fetchAll->setEnabled(more && m_pagesLeft == 0);
    if (m_pagesLeft > 0)
        m_pagingLabel->setText(
            QStringLiteral("Fetching pages… (%1 more at most)").arg(m_pagesLeft));
    else if (more)
        m_pagingLabel->setText(QStringLiteral("More results: the response has a next page"));
    else
        m_pagingLabel->setText(m_pageNumber > 1 ? QStringLiteral("Last page reached") : QString());
}

QByteArray ApiConsolePanel::saveState() const
{
    const ApiTemplate composed = m_composer->currentTemplate();
    PanelState out(StateMagic, StateVersion);
    out << composed.method << composed.path << composed.bodyText << m_splitter->saveState()
        << m_historyView->splitterState() << m_historyView->headerState();
    return out.data();
}

bool ApiConsolePanel::restoreState(const QByteArray &state)
{
    PanelState in(state, StateMagic, StateVersion);
    QString method, path, body;
    QByteArray splitter, historySplitter, header;
    in >> method >> path >> body >> splitter >> historySplitter >> header;
    if (!in.isValid())
        return false;
    ApiTemplate t;
    t.method = method;
    t.path = path;
    t.bodyText = body.left(ApiComposerWidget::MaxBodyChars);
    m_composer->loadTemplate(t);
    m_splitter->restoreState(splitter);
    m_historyView->restoreLayout(historySplitter, header);
    return true;
}

} // namespace allium
