#include "ui/console/apiconsolepanel.h"

#include "core/api/apiclient.h"
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apihistorymodel.h"
#include "core/api/codesnippet.h"
#include "core/api/latencystats.h"
#include "core/api/savedrequeststore.h"
#include "core/json/jsonsyntaxcheck.h"
#include "ui/console/apiexchangeview.h"
#include "ui/console/apihistoryproxymodel.h"
#include "ui/json/jsonhighlighter.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintext.h"
#include "ui/text/plaintooltipfilter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDataStream>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QJsonValue>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace allium {

namespace {

constexpr quint32 StateMagic = 0x41435031; // "ACP1"
constexpr qint32 StateVersion = 1;
/// The longest id ApiClient accepts.
constexpr int MaxIdLength = 256;
/// Bodies past this are refused before parsing: the console is for hand-written requests.
constexpr int MaxBodyChars = 1024 * 1024;

/// What the latency summary shows for a figure it does not have yet.
const QString NoLatency = QStringLiteral("–");

template <typename W>
W *named(W *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

ApiConsolePanel::ApiConsolePanel(QWidget *parent)
    : QWidget(parent)
    , m_history(new ApiHistoryModel(this))
    , m_proxy(new ApiHistoryProxyModel(this))
    , m_store(new SavedRequestStore(this))
{
    setObjectName(QStringLiteral("apiConsolePanel"));
    setAccessibleName(QStringLiteral("API console"));
    m_proxy->setSourceModel(m_history);

    m_mainSplitter = named(new QSplitter(Qt::Vertical), QStringLiteral("consoleSplitter"),
                           QStringLiteral("Request and history"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(buildComposer());
    m_mainSplitter->addWidget(buildHistory());
    m_mainSplitter->setStretchFactor(0, 0);
    m_mainSplitter->setStretchFactor(1, 1);
    // The history deserves the room; the body editor grows when the user drags the handle.
    m_mainSplitter->setSizes({200, 500});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_mainSplitter);

    // The only focus chain the brief fixes; the helper buttons follow it.
    setTabOrder(m_method, m_path);
    setTabOrder(m_path, m_body);
    setTabOrder(m_body, m_id);
    setTabOrder(m_id, m_send);

    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &ApiConsolePanel::send);
    }

    connect(m_history, &ApiHistoryModel::statsChanged, this, &ApiConsolePanel::updateStats);
    connect(m_history, &ApiHistoryModel::fillChanged, this, &ApiConsolePanel::updateFill);
    connect(m_history, &ApiHistoryModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int selected = selectedSourceRow();
                if (selected >= topLeft.row() && selected <= bottomRight.row()) {
                    updateDetail();
                    updateSelectionActions();
                }
            });
    connect(m_store, &SavedRequestStore::requestsChanged, this,
            &ApiConsolePanel::rebuildTemplateMenu);

    rebuildTemplateMenu();
    loadTemplate(ApiTemplate::builtIns().constFirst());
    m_id->setText(generateId());
    applyColours();
    updateCounts(0, 0);
    updateStats();
    updateFill();
    updateSelectionActions();
    validate();
}

ApiConsolePanel::~ApiConsolePanel()
{
    // The model disconnects itself; the panel's own connections go with it.
    setApiClient(nullptr);
}

QWidget *ApiConsolePanel::buildComposer()
{
    auto *composer = named(new QWidget, QStringLiteral("composer"), QStringLiteral("Request"));

    m_method = named(new QComboBox, QStringLiteral("methodCombo"), QStringLiteral("Method"));
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE")});
    m_method->setToolTip(QStringLiteral("HTTP method of the request"));

    m_path = named(new QLineEdit, QStringLiteral("pathEdit"), QStringLiteral("Path"));
    m_path->setPlaceholderText(QStringLiteral("/api/v1/developer/…"));
    m_path->setClearButtonEnabled(true);
    auto *completer = new QCompleter(ApiEndpointCatalogue::paths(), m_path);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setMaxVisibleItems(12);
    m_path->setCompleter(completer);
    // Picking a known endpoint also picks its documented method.
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &path) {
                const QString method = ApiEndpointCatalogue::methodFor(path);
                if (!method.isEmpty())
                    m_method->setCurrentText(method);
            });

    m_templatesMenu = new QMenu(this);
    m_templatesMenu->setObjectName(QStringLiteral("templatesMenu"));
    m_templatesButton = named(new QToolButton, QStringLiteral("templatesButton"),
                              QStringLiteral("Templates and saved requests"));
    m_templatesButton->setText(QStringLiteral("Templates"));
    m_templatesButton->setToolTip(QStringLiteral("Allium's examples and your saved requests"));
    m_templatesButton->setPopupMode(QToolButton::InstantPopup);
    m_templatesButton->setMenu(m_templatesMenu);

    auto *codeMenu = new QMenu(this);
    codeMenu->setObjectName(QStringLiteral("codeMenu"));
    for (const CodeSnippet::Language language :
         {CodeSnippet::Language::Python, CodeSnippet::Language::JavaScript,
          CodeSnippet::Language::Shell}) {
        QAction *action = codeMenu->addAction(CodeSnippet::languageName(language));
        connect(action, &QAction::triggered, this,
                [this, language] { copySnippet(int(language)); });
    }
    m_codeButton =
        named(new QToolButton, QStringLiteral("copyCodeButton"), QStringLiteral("Copy as code"));
    m_codeButton->setText(QStringLiteral("Copy as code"));
    m_codeButton->setToolTip(QStringLiteral("Copy a program that sends this request; the key is "
                                            "left as YOUR_API_KEY"));
    m_codeButton->setPopupMode(QToolButton::InstantPopup);
    m_codeButton->setMenu(codeMenu);

    m_body = named(new QPlainTextEdit, QStringLiteral("bodyEdit"), QStringLiteral("Body (JSON)"));
    m_body->setPlaceholderText(QStringLiteral("Body as JSON, e.g. {\"blockchain\": \"ethereum\"}; "
                                              "empty: no body"));
    m_body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->setTabChangesFocus(true); // keyboard users must be able to leave the editor
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_body->setMinimumHeight(m_body->fontMetrics().lineSpacing() * 3 + 12);
    m_bodyHighlighter = new JsonHighlighter(m_body->document(), palette());

    m_bodyError =
        named(new PlainLabel, QStringLiteral("bodyError"), QStringLiteral("Request problem"));
    m_bodyError->setWordWrap(true);
    m_bodyError->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_id = named(new QLineEdit, QStringLiteral("idEdit"), QStringLiteral("Request id"));
    m_id->setToolTip(QStringLiteral("Unique id that pairs the response with the request; a new "
                                    "one is made after each send"));
    m_id->setMaxLength(MaxIdLength);
    m_newId = named(new QToolButton, QStringLiteral("newIdButton"), QStringLiteral("New id"));
    m_newId->setText(QStringLiteral("New id"));
    m_newId->setToolTip(QStringLiteral("Put a fresh unique id in the id field"));
    connect(m_newId, &QToolButton::clicked, this, [this] { m_id->setText(generateId()); });

    m_send = named(new QPushButton(QStringLiteral("Send")), QStringLiteral("sendButton"),
                   QStringLiteral("Send request"));
    m_send->setToolTip(QStringLiteral("Send the request (Ctrl+Enter)"));
    m_send->setDefault(true);
    connect(m_send, &QPushButton::clicked, this, &ApiConsolePanel::send);

    auto *idLabel = new QLabel(QStringLiteral("&Id"));
    idLabel->setBuddy(m_id);

    auto *top = new QHBoxLayout;
    top->addWidget(m_method);
    top->addWidget(m_path, 1);
    top->addWidget(m_templatesButton);
    top->addWidget(m_codeButton);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(idLabel);
    bottom->addWidget(m_id, 1);
    bottom->addWidget(m_newId);
    bottom->addSpacing(12);
    bottom->addWidget(m_send);

    auto *layout = new QVBoxLayout(composer);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_bodyError);
    layout->addLayout(bottom);

    connect(m_method, &QComboBox::currentTextChanged, this, &ApiConsolePanel::validate);
    connect(m_path, &QLineEdit::textChanged, this, &ApiConsolePanel::validate);
    connect(m_body, &QPlainTextEdit::textChanged, this, &ApiConsolePanel::validate);
    connect(m_id, &QLineEdit::textChanged, this, &ApiConsolePanel::validate);
    connect(m_path, &QLineEdit::returnPressed, this, &ApiConsolePanel::send);
    connect(m_id, &QLineEdit::returnPressed, this, &ApiConsolePanel::send);
    return composer;
}

QWidget *ApiConsolePanel::buildHistory()
{
    m_table =
        named(new QTableView, QStringLiteral("historyTable"), QStringLiteral("Request history"));
    m_table->setModel(m_proxy);
    PlainToolTipFilter::install(m_table);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    // Paths share their start (/api/v1/developer/…): the end is what tells them apart.
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSortIndicatorClearable(true);
    header->setSortIndicator(-1, Qt::AscendingOrder); // arrival order until a column is clicked
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ApiHistoryModel::PathColumn, QHeaderView::Stretch);
    const QFontMetrics metrics = m_table->fontMetrics();
    header->resizeSection(ApiHistoryModel::IdColumn,
                          metrics.horizontalAdvance(QStringLiteral("console-00000000-00")) + 8);
    header->resizeSection(ApiHistoryModel::MethodColumn,
                          metrics.horizontalAdvance(QStringLiteral("DELETE")) + 16);
    header->resizeSection(ApiHistoryModel::StatusColumn,
                          metrics.horizontalAdvance(QStringLiteral("Connection lost")) + 12);
    header->resizeSection(ApiHistoryModel::LatencyColumn,
                          metrics.horizontalAdvance(QStringLiteral("00000 ms")) + 12);
    header->resizeSection(ApiHistoryModel::TimeColumn,
                          metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + 12);
    header->setMinimumSectionSize(40);
    m_table->setSortingEnabled(true);
    // The selection, not the current index: a click moves the current index before it selects.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetail();
        updateSelectionActions();
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const ApiRequest request = m_history->requestAt(m_proxy->mapToSource(index).row());
        if (!request.path.isEmpty())
            loadTemplate(ApiTemplate::fromRequest({}, request));
    });

    m_resend = named(new QPushButton(QStringLiteral("Resend")), QStringLiteral("resendButton"),
                     QStringLiteral("Resend selected request"));
    m_resend->setToolTip(QStringLiteral("Send the selected request again with a new id"));
    m_cancel = named(new QPushButton(QStringLiteral("Cancel")), QStringLiteral("cancelButton"),
                     QStringLiteral("Cancel selected request"));
    m_cancel->setToolTip(QStringLiteral("Stop waiting for the selected request's response"));
    m_clear = named(new QPushButton(QStringLiteral("Clear")), QStringLiteral("clearHistoryButton"),
                    QStringLiteral("Clear history"));
    m_clear->setToolTip(QStringLiteral("Forget the history and the latency statistics"));
    connect(m_resend, &QPushButton::clicked, this, &ApiConsolePanel::resendSelected);
    connect(m_cancel, &QPushButton::clicked, this, &ApiConsolePanel::cancelSelected);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_history->clear();
        updateDetail();
        updateSelectionActions();
    });

    m_counts = named(new PlainLabel, QStringLiteral("inFlightLabel"),
                     QStringLiteral("Requests in flight and queued"));
    m_stats =
        named(new PlainLabel, QStringLiteral("latencyLabel"), QStringLiteral("Latency summary"));
    m_fill =
        named(new PlainLabel, QStringLiteral("historyFillLabel"), QStringLiteral("History size"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice = named(new PlainLabel, QStringLiteral("noticeLabel"), QStringLiteral("Last action"));
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setWordWrap(true);

    m_counts->setToolTip(QStringLiteral("Requests sent and not answered yet, and requests "
                                        "waiting for a free slot (the service allows 1,000 "
                                        "in flight per connection)"));
    m_stats->setWordWrap(true);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_resend);
    actions->addWidget(m_cancel);
    actions->addWidget(m_clear);
    actions->addStretch(1);
    actions->addWidget(m_counts);

    auto *historyPane =
        named(new QWidget, QStringLiteral("historyPane"), QStringLiteral("History"));
    auto *historyLayout = new QVBoxLayout(historyPane);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addLayout(actions);
    historyLayout->addWidget(m_table, 1);
    // The fill sits beside the wrapping latency line, where it never widens the panel.
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_stats, 1);
    footer->addWidget(m_fill);
    historyLayout->addLayout(footer);
    historyLayout->addWidget(m_notice);

    m_exchange = named(new ApiExchangeView, QStringLiteral("exchangeView"),
                       QStringLiteral("Selected request and response"));

    m_historySplitter = named(new QSplitter(Qt::Horizontal), QStringLiteral("historySplitter"),
                              QStringLiteral("History and detail"));
    m_historySplitter->setChildrenCollapsible(false);
    m_historySplitter->addWidget(historyPane);
    m_historySplitter->addWidget(m_exchange);
    m_historySplitter->setStretchFactor(0, 3);
    m_historySplitter->setStretchFactor(1, 2);
    m_historySplitter->setSizes({600, 400});
    return m_historySplitter;
}

void ApiConsolePanel::setApiClient(ApiClient *client)
{
    for (const QMetaObject::Connection &c : std::as_const(m_clientConnections))
        disconnect(c);
    m_clientConnections.clear();
    m_client = client;
    m_history->attach(client);
    if (client) {
        m_clientConnections = {
            connect(client, &ApiClient::inFlightChanged, this, &ApiConsolePanel::updateCounts),
            // A request ending frees its id; Send may become possible again.
            connect(client, &ApiClient::requestFinished, this, &ApiConsolePanel::validate),
        };
        updateCounts(client->inFlightCount(), client->queuedCount());
    } else {
        updateCounts(0, 0);
    }
    validate();
    updateSelectionActions();
}

ApiClient *ApiConsolePanel::apiClient() const
{
    return m_client;
}

QString ApiConsolePanel::generateId()
{
    QString id;
    do {
        id = QStringLiteral("console-%1-%2")
                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
                 .arg(++m_idCounter);
    } while (m_client && m_client->isPending(id));
    return id;
}

void ApiConsolePanel::loadTemplate(const ApiTemplate &request)
{
    m_method->setCurrentText(request.method.toUpper());
    m_path->setText(request.path);
    m_body->setPlainText(request.bodyText);
    validate();
}

ApiTemplate ApiConsolePanel::currentTemplate(const QString &name) const
{
    ApiTemplate t;
    t.name = name;
    t.method = m_method->currentText();
    t.path = m_path->text().trimmed();
    t.bodyText = m_body->toPlainText();
    return t;
}

ApiRequest ApiConsolePanel::currentRequest() const
{
    return currentTemplate().toRequest(m_id->text().trimmed());
}

void ApiConsolePanel::validate()
{
    const QString path = m_path->text().trimmed();
    const QString bodyText = m_body->toPlainText();
    const QString id = m_id->text().trimmed();
    QString problem;
    int errorOffset = -1;
    if (bodyText.size() > MaxBodyChars) {
        problem = QStringLiteral("The body is larger than %1 characters").arg(MaxBodyChars);
    } else {
        const JsonSyntaxCheck check = JsonSyntaxCheck::check(bodyText);
        if (!check.isValid()) {
            problem = check.message();
            errorOffset = check.offset();
        } else if (m_method->currentText() == QLatin1String("GET") && check.value().isArray()) {
            problem = QStringLiteral("A GET body holds query parameters: use a JSON object");
        }
    }
    if (problem.isEmpty()) {
        if (path.isEmpty())
            problem = QStringLiteral("Enter a path, e.g. /api/v1/developer/assets");
        else if (!path.startsWith(QLatin1Char('/')))
            problem = QStringLiteral("The path must start with \"/\"");
        else if (id.isEmpty())
            problem = QStringLiteral("Enter an id (New id makes one)");
        else if (m_client && m_client->isPending(id))
            problem = QStringLiteral("A request with id \"%1\" is still pending").arg(id);
        else if (!m_client)
            problem = QStringLiteral("No API connection: choose a profile and connect");
    }
    m_problem = problem;
    m_bodyError->setText(problem);
    m_bodyError->setVisible(!problem.isEmpty());
    m_send->setEnabled(problem.isEmpty());

    // Underline the character the parser stopped at, so the mistake is found without counting.
    QList<QTextEdit::ExtraSelection> marks;
    if (errorOffset >= 0) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_body->document());
        mark.cursor.setPosition(std::min(errorOffset, int(bodyText.size())));
        mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(
            ApiHistoryProxyModel::toneColor(ApiHistoryModel::Tone::Failure, palette()));
        marks.append(mark);
    }
    m_body->setExtraSelections(marks);
}

void ApiConsolePanel::send()
{
    validate();
    if (!m_problem.isEmpty() || !m_client)
        return;
    submit(currentRequest());
}

void ApiConsolePanel::submit(ApiRequest request)
{
    if (!m_client)
        return;
    m_history->announce(request);
    QString error;
    const QString id = m_client->submit(request, &error);
    if (id.isEmpty()) {
        showNotice(QStringLiteral("Not sent: %1").arg(error));
        return;
    }
    if (id == m_id->text().trimmed())
        m_id->setText(generateId());
    selectId(id);
    showNotice({});
    emit requestSubmitted(id);
}

void ApiConsolePanel::resendSelected()
{
    const ApiRequest original = m_history->requestAt(selectedSourceRow());
    if (!m_client || original.path.isEmpty())
        return;
    ApiRequest again = original;
    again.id = generateId();
    submit(again);
}

void ApiConsolePanel::cancelSelected()
{
    const int row = selectedSourceRow();
    if (m_client && m_history->isPendingAt(row))
        m_client->cancel(m_history->idAt(row));
}

bool ApiConsolePanel::saveCurrentRequest(const QString &name, QString *error)
{
    QString problem;
    const bool replacing = m_store->contains(name.trimmed());
    const bool saved = m_store->save(currentTemplate(name), &problem);
    if (error)
        *error = problem;
    showNotice(saved ? (replacing ? QStringLiteral("Replaced the saved request \"%1\"")
                                  : QStringLiteral("Saved \"%1\""))
                           .arg(name.trimmed())
                     : QStringLiteral("Not saved: %1").arg(problem));
    return saved;
}

void ApiConsolePanel::promptSave()
{
    bool ok = false;
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(m_path->text().trimmed());
    const QString suggestion = endpoint ? endpoint->description : QString();
    const QString name = QInputDialog::getText(this, QStringLiteral("Save request"),
                                               QStringLiteral("Name of the saved request:"),
                                               QLineEdit::Normal, suggestion, &ok);
    if (ok && !name.trimmed().isEmpty())
        saveCurrentRequest(name);
}

void ApiConsolePanel::rebuildTemplateMenu()
{
    m_templatesMenu->clear();
    m_templatesMenu->addSection(QStringLiteral("Allium examples"));
    for (const ApiTemplate &t : ApiTemplate::builtIns()) {
        QAction *action = m_templatesMenu->addAction(t.name);
        action->setToolTip(QStringLiteral("%1 %2").arg(t.method, t.path));
        connect(action, &QAction::triggered, this, [this, t] { loadTemplate(t); });
    }
    const QList<ApiTemplate> saved = m_store->requests();
    m_templatesMenu->addSection(QStringLiteral("Saved requests"));
    if (saved.isEmpty())
        m_templatesMenu->addAction(QStringLiteral("(none yet)"))->setEnabled(false);
    for (const ApiTemplate &t : saved) {
        QAction *action = m_templatesMenu->addAction(PlainText::bounded(t.name, 200));
        // Saved requests come from a file: their text is shown literally.
        action->setToolTip(PlainText::toolTip(QStringLiteral("%1 %2").arg(t.method, t.path)));
        connect(action, &QAction::triggered, this, [this, t] { loadTemplate(t); });
    }
    m_templatesMenu->addSeparator();
    QAction *save = m_templatesMenu->addAction(QStringLiteral("Save current request…"));
    save->setObjectName(QStringLiteral("saveRequestAction"));
    connect(save, &QAction::triggered, this, &ApiConsolePanel::promptSave);
    QMenu *remove = m_templatesMenu->addMenu(QStringLiteral("Delete saved request"));
    remove->setObjectName(QStringLiteral("deleteSavedMenu"));
    remove->setEnabled(!saved.isEmpty());
    for (const ApiTemplate &t : saved) {
        const QString name = t.name;
        connect(remove->addAction(name), &QAction::triggered, this, [this, name] {
            if (m_store->remove(name))
                showNotice(QStringLiteral("Deleted the saved request \"%1\"").arg(name));
        });
    }
}

void ApiConsolePanel::copySnippet(int language)
{
    const auto lang = CodeSnippet::Language(language);
    const QUrl url = m_client ? m_client->apiUrl() : QUrl();
    QApplication::clipboard()->setText(CodeSnippet::snippet(lang, currentRequest(), url));
    showNotice(QStringLiteral("Copied the %1 snippet (the key is left as %2)")
                   .arg(CodeSnippet::languageName(lang), CodeSnippet::keyPlaceholder()));
}

void ApiConsolePanel::updateCounts(int inFlight, int queued)
{
    m_counts->setText(QStringLiteral("In flight %1 · queued %2").arg(inFlight).arg(queued));
}

void ApiConsolePanel::updateStats()
{
    const LatencyStats &stats = m_history->stats();
    const int errors = stats.count(ApiRequestState::ServerError) +
                       stats.count(ApiRequestState::ConnectionLost) +
                       stats.count(ApiRequestState::Rejected);
    m_stats->setText(QStringLiteral("p50 %1 · p95 %2 · p99 %3 · errors %4 · timeouts %5")
                         .arg(latencyText(stats.p50(), NoLatency),
                              latencyText(stats.p95(), NoLatency),
                              latencyText(stats.p99(), NoLatency))
                         .arg(errors)
                         .arg(stats.count(ApiRequestState::TimedOut)));
    m_stats->setToolTip(
        QStringLiteral(
            "%1 requests ended: %2 succeeded, %3 server errors, %4 connection lost, "
            "%5 rejected, %6 timed out, %7 cancelled. Latency: min %8, mean %9, max %10.")
            .arg(stats.count())
            .arg(stats.count(ApiRequestState::Succeeded))
            .arg(stats.count(ApiRequestState::ServerError))
            .arg(stats.count(ApiRequestState::ConnectionLost))
            .arg(stats.count(ApiRequestState::Rejected))
            .arg(stats.count(ApiRequestState::TimedOut))
            .arg(stats.count(ApiRequestState::Cancelled))
            .arg(latencyText(stats.min(), NoLatency), latencyText(stats.mean(), NoLatency),
                 latencyText(stats.max(), NoLatency)));
}

void ApiConsolePanel::updateFill()
{
    const QLocale locale;
    const auto size = [&locale](qint64 bytes) {
        return locale.formattedDataSize(bytes,
                                        bytes < 1000 * 1000 || bytes % (1024 * 1024) == 0 ? 0 : 1,
                                        QLocale::DataSizeTraditionalFormat);
    };
    m_fill->setText(QStringLiteral("History %1 · %2 of %3")
                        .arg(locale.toString(m_history->rowCount()), size(m_history->bytes()),
                             size(m_history->maxBytes())));
    m_fill->setToolTip(QStringLiteral("Requests kept (at most %1) and the memory they use; the "
                                      "oldest finished requests go first. %2 dropped so far.")
                           .arg(locale.toString(m_history->maxRows()),
                                locale.toString(m_history->evictedCount())));
}

void ApiConsolePanel::updateDetail()
{
    const int row = selectedSourceRow();
    if (row < 0) {
        m_exchange->clear();
        return;
    }
    const QModelIndex index = m_history->index(row, ApiHistoryModel::IdColumn);
    const auto state = ApiHistoryModel::RowState(index.data(ApiHistoryModel::RowStateRole).toInt());
    QStringList parts{index.data(ApiHistoryModel::IdRole).toString(),
                      ApiHistoryModel::stateText(state)};
    const double latency = index.data(ApiHistoryModel::LatencyRole).toDouble();
    if (latency >= 0)
        parts.append(latencyText(latency));
    const int attempts = index.data(ApiHistoryModel::AttemptsRole).toInt();
    if (attempts > 1)
        parts.append(QStringLiteral("sent %1 times").arg(attempts));
    const QString problem = state == ApiHistoryModel::RowState::Succeeded
                                ? QString()
                                : index.data(ApiHistoryModel::ErrorMessageRole).toString();
    // The tree shows the frame the client parsed (id, status, data), so it is not parsed again.
    QJsonValue tree(QJsonValue::Undefined);
    const QJsonValue responseData =
        index.data(ApiHistoryModel::ResponseDataRole).value<QJsonValue>();
    if (!responseData.isUndefined()) {
        QJsonObject frame{
            {QStringLiteral("id"), index.data(ApiHistoryModel::ResponseIdRole).toString()},
            {QStringLiteral("data"), responseData}};
        const QString status = index.data(ApiHistoryModel::ResponseStatusRole).toString();
        if (!status.isEmpty())
            frame.insert(QStringLiteral("status"), status);
        tree = frame;
    }
    m_exchange->showExchange(index.data(ApiHistoryModel::RequestJsonRole).toByteArray(),
                             index.data(ApiHistoryModel::ResponseJsonRole).toByteArray(),
                             parts.join(QStringLiteral(" · ")), problem, tree,
                             index.data(ApiHistoryModel::ResponseSizeRole).toLongLong());
}

void ApiConsolePanel::updateSelectionActions()
{
    const int row = selectedSourceRow();
    m_resend->setEnabled(m_client && row >= 0 && !m_history->requestAt(row).path.isEmpty());
    m_cancel->setEnabled(m_client && m_history->isPendingAt(row));
}

int ApiConsolePanel::selectedSourceRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_proxy->mapToSource(rows.constFirst()).row();
}

void ApiConsolePanel::selectId(const QString &id)
{
    const int row = m_history->rowOfId(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_history->index(row, 0));
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void ApiConsolePanel::showNotice(const QString &text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

void ApiConsolePanel::applyColours()
{
    m_proxy->setPalette(palette());
    m_bodyHighlighter->setPalette(palette());
    QPalette errorPalette = m_bodyError->palette();
    errorPalette.setColor(QPalette::WindowText, ApiHistoryProxyModel::toneColor(
                                                    ApiHistoryModel::Tone::Failure, palette()));
    m_bodyError->setPalette(errorPalette);
}

void ApiConsolePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColours();
    QWidget::changeEvent(event);
}

QByteArray ApiConsolePanel::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << StateMagic << StateVersion << m_method->currentText() << m_path->text()
        << m_body->toPlainText() << m_mainSplitter->saveState() << m_historySplitter->saveState()
        << m_table->horizontalHeader()->saveState();
    return state;
}

bool ApiConsolePanel::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    qint32 version = 0;
    QString method, path, body;
    QByteArray mainSplitter, historySplitter, header;
    in >> magic >> version;
    if (magic != StateMagic || version != StateVersion)
        return false;
    in >> method >> path >> body >> mainSplitter >> historySplitter >> header;
    if (in.status() != QDataStream::Ok)
        return false;
    ApiTemplate t;
    t.method = method;
    t.path = path;
    t.bodyText = body.left(MaxBodyChars);
    loadTemplate(t);
    m_mainSplitter->restoreState(mainSplitter);
    m_historySplitter->restoreState(historySplitter);
    m_table->horizontalHeader()->restoreState(header);
    return true;
}

} // namespace allium
