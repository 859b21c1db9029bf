// SPDX-License-Identifier: MIT
#include "ui/console/apicomposerwidget.h"

#include "core/api/apiclient.h"
#include "core/api/apicost.h"
#include "core/api/apiendpointcatalogue.h"
#include "core/api/apirequestvalidator.h"
#include "core/api/codesnippet.h"
#include "core/api/savedrequeststore.h"
#include "core/json/jsonsyntaxcheck.h"
#include "ui/console/apirequestformwidget.h"
#include "ui/json/jsonhighlighter.h"
#include "ui/text/plainlabel.h"
#include "ui/text/plaintext.h"
#include "ui/theme/theme.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <algorithm>

namespace allium {

namespace {

/// The longest id ApiClient accepts.
constexpr int MaxIdLength = 256;

template <typename W>
W *named(W *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

} // namespace

namespace {

int firstNonSpace(const QString &text)
{
    for (int i = 0; i < text.size(); ++i) {
        if (!text.at(i).isSpace())
            return i;
    }
    return -1;
}

// What a body that is not an object or array holds, in words.
QString scalarKind(const QString &text)
{
    const JsonSyntaxCheck wrapped =
        JsonSyntaxCheck::check(QLatin1Char('[') + text + QLatin1Char(']'));
    if (!wrapped.isValid())
        return QStringLiteral("not JSON (text in JSON needs double quotes, inside an object)");
    const QJsonValue value = wrapped.value().toArray().first();
    if (value.isString())
        return QStringLiteral("a string");
    if (value.isDouble())
        return QStringLiteral("a number");
    if (value.isBool())
        return QStringLiteral("true or false");
    return QStringLiteral("null");
}

} // namespace

ApiComposerWidget::ApiComposerWidget(SavedRequestStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("composer"));
    setAccessibleName(QStringLiteral("Request"));

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

    // The documented endpoints, grouped by area, with a search line on top.
    m_endpointsMenu = new QMenu(this);
    m_endpointsMenu->setObjectName(QStringLiteral("endpointsMenu"));
    m_endpointsButton = named(new QToolButton, QStringLiteral("endpointsButton"),
                              QStringLiteral("Documented endpoints"));
    m_endpointsButton->setText(QStringLiteral("Endpoints"));
    m_endpointsButton->setToolTip(
        QStringLiteral("Every documented endpoint by area; picking one loads its example"));
    m_endpointsButton->setPopupMode(QToolButton::InstantPopup);
    m_endpointsButton->setMenu(m_endpointsMenu);
    buildEndpointMenu();

    m_endpointInfo = named(new PlainLabel, QStringLiteral("endpointInfo"),
                           QStringLiteral("Endpoint documentation"));
    m_endpointInfo->setWordWrap(true);
    m_endpointInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cost = named(new PlainLabel, QStringLiteral("costLabel"), QStringLiteral("Request cost"));
    m_cost->setWordWrap(true); // two lines rather than a console wider than 800 pixels
    m_cost->setToolTip(QStringLiteral("Developer Units of the request as built (batched inputs "
                                      "multiply it) and of every request sent this session"));

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

    // The form beside the JSON, both editing the one request (like the filter builder).
    m_form = new ApiRequestFormWidget;
    connect(m_form, &ApiRequestFormWidget::edited, this, &ApiComposerWidget::applyFormEdit);
    auto *formScroll = new QScrollArea;
    formScroll->setObjectName(QStringLiteral("formScroll"));
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    // Its editors take the focus (and scroll into view); the area itself would be a dead stop.
    formScroll->setFocusPolicy(Qt::NoFocus);
    auto *formAndBody = new QSplitter(Qt::Horizontal);
    formAndBody->setObjectName(QStringLiteral("formSplitter"));
    formAndBody->setChildrenCollapsible(false);
    formAndBody->addWidget(formScroll);
    formAndBody->addWidget(m_body);
    formAndBody->setStretchFactor(0, 1);
    formAndBody->setStretchFactor(1, 1);

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
    connect(m_send, &QPushButton::clicked, this, &ApiComposerWidget::send);

    auto *idLabel = new QLabel(QStringLiteral("&Id"));
    idLabel->setBuddy(m_id);

    auto *top = new QHBoxLayout;
    top->addWidget(m_method);
    top->addWidget(m_path, 1);
    top->addWidget(m_endpointsButton);
    top->addWidget(m_templatesButton);
    top->addWidget(m_codeButton);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(idLabel);
    bottom->addWidget(m_id, 1);
    bottom->addWidget(m_newId);
    bottom->addSpacing(12);
    bottom->addWidget(m_cost, 1);
    bottom->addSpacing(12);
    bottom->addWidget(m_send);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_endpointInfo);
    layout->addWidget(formAndBody, 1);
    layout->addWidget(m_bodyError);
    layout->addLayout(bottom);

    updateTabOrder();
    connect(m_form, &ApiRequestFormWidget::editorsRebuilt, this,
            &ApiComposerWidget::updateTabOrder);

    connect(m_method, &QComboBox::currentTextChanged, this, &ApiComposerWidget::validate);
    connect(m_path, &QLineEdit::textChanged, this, &ApiComposerWidget::validate);
    connect(m_body, &QPlainTextEdit::textChanged, this, &ApiComposerWidget::validate);
    connect(m_id, &QLineEdit::textChanged, this, &ApiComposerWidget::validate);
    connect(m_path, &QLineEdit::returnPressed, this, &ApiComposerWidget::send);
    connect(m_id, &QLineEdit::returnPressed, this, &ApiComposerWidget::send);
    connect(m_store, &SavedRequestStore::requestsChanged, this,
            &ApiComposerWidget::rebuildTemplateMenu);

    rebuildTemplateMenu();
    loadTemplate(ApiTemplate::builtIns().constFirst());
    m_id->setText(generateId());
    applyColours();
    validate();
}

ApiComposerWidget::~ApiComposerWidget()
{
    setApiClient(nullptr);
}

void ApiComposerWidget::setApiClient(ApiClient *client)
{
    disconnect(m_clientConnection);
    m_client = client;
    if (client) {
        // A request ending frees its id; Send may become possible again.
        m_clientConnection =
            connect(client, &ApiClient::requestFinished, this, &ApiComposerWidget::validate);
    }
    validate();
}

QString ApiComposerWidget::generateId()
{
    QString id;
    do {
        id = QStringLiteral("console-%1-%2")
                 .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
                 .arg(++m_idCounter);
    } while (m_client && m_client->isPending(id));
    return id;
}

void ApiComposerWidget::markSubmitted(const QString &id)
{
    if (id == m_id->text().trimmed())
        m_id->setText(generateId());
}

void ApiComposerWidget::loadTemplate(const ApiTemplate &request)
{
    m_method->setCurrentText(request.method.toUpper());
    m_path->setText(request.path);
    m_body->setPlainText(request.bodyText);
    validate();
}

ApiTemplate ApiComposerWidget::currentTemplate(const QString &name) const
{
    ApiTemplate t;
    t.name = name;
    t.method = m_method->currentText();
    t.path = m_path->text().trimmed();
    t.bodyText = m_body->toPlainText();
    return t;
}

ApiRequest ApiComposerWidget::currentRequest() const
{
    return currentTemplate().toRequest(m_id->text().trimmed());
}

void ApiComposerWidget::updateTabOrder()
{
    QList<QWidget *> chain{m_method, m_path, m_endpointsButton, m_templatesButton, m_codeButton};
    chain += m_form->focusOrder();
    chain += QList<QWidget *>{m_body, m_id, m_newId, m_send};
    for (qsizetype i = 0; i + 1 < chain.size(); ++i)
        setTabOrder(chain.at(i), chain.at(i + 1));
}

void ApiComposerWidget::validate()
{
    const QString path = m_path->text().trimmed();
    const QString bodyText = m_body->toPlainText();
    const QString id = m_id->text().trimmed();
    QString problem;
    int errorOffset = -1;
    if (bodyText.size() > MaxBodyChars) {
        problem = QStringLiteral("The body is larger than %1 characters").arg(MaxBodyChars);
        syncForm(path, false, {}, problem);
    } else if (const int start = firstNonSpace(bodyText); start >= 0 &&
                                                          bodyText.at(start) != QLatin1Char('{') &&
                                                          bodyText.at(start) != QLatin1Char('[')) {
        // Qt's parser calls any top-level string, number or word an "illegal value"; what is
        // wrong is the kind of body, so say what it must be and what it is.
        const bool get = m_method->currentText() == QLatin1String("GET");
        const int line = int(bodyText.left(start).count(QLatin1Char('\n'))) + 1;
        const int column =
            start - (start == 0 ? 0 : int(bodyText.lastIndexOf(QLatin1Char('\n'), start - 1)) + 1) +
            1;
        problem = QStringLiteral("Line %1, column %2: the body must be a JSON %3, e.g. "
                                 "{\"blockchain\": \"ethereum\"}; this is %4")
                      .arg(line)
                      .arg(column)
                      .arg(get ? QStringLiteral("object") : QStringLiteral("object or array"),
                           scalarKind(bodyText.mid(start)));
        errorOffset = start;
        syncForm(path, false, {}, problem);
    } else {
        const JsonSyntaxCheck check = JsonSyntaxCheck::check(bodyText);
        syncForm(path, check.isValid(), check.isEmpty() ? QJsonValue() : check.value(),
                 check.message());
        if (!check.isValid()) {
            problem = check.message();
            errorOffset = check.offset();
        } else if (m_method->currentText() == QLatin1String("GET") && check.value().isArray()) {
            problem = QStringLiteral("A GET body holds query parameters: use a JSON object");
        } else if (const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
                   endpoint && endpoint->method == m_method->currentText()) {
            // Checked against the documentation before it is sent, naming the field.
            const QJsonValue body = check.isEmpty() ? QJsonValue() : check.value();
            const QList<ApiValidationIssue> issues =
                ApiRequestValidator::validateRequest(*endpoint, endpoint->method, path, body);
            if (!issues.isEmpty()) {
                problem = issues.size() == 1 ? issues.first().text()
                                             : QStringLiteral("%1 (and %2 more)")
                                                   .arg(issues.first().text())
                                                   .arg(issues.size() - 1);
            }
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
    updateEndpointInfo();
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
        mark.format.setUnderlineColor(Theme::color(Theme::Role::Failure, palette()));
        marks.append(mark);
    }
    m_body->setExtraSelections(marks);
}

void ApiComposerWidget::send()
{
    validate();
    if (!m_problem.isEmpty() || !m_client)
        return;
    emit sendRequested(currentRequest());
}

bool ApiComposerWidget::saveCurrentRequest(const QString &name, QString *error)
{
    QString problem;
    const bool replacing = m_store->contains(name.trimmed());
    const bool saved = m_store->save(currentTemplate(name), &problem);
    if (error)
        *error = problem;
    emit noticePosted(saved ? (replacing ? QStringLiteral("Replaced the saved request \"%1\"")
                                         : QStringLiteral("Saved \"%1\""))
                                  .arg(name.trimmed())
                            : QStringLiteral("Not saved: %1").arg(problem));
    return saved;
}

void ApiComposerWidget::promptSave()
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

void ApiComposerWidget::rebuildTemplateMenu()
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
    connect(save, &QAction::triggered, this, &ApiComposerWidget::promptSave);
    QMenu *remove = m_templatesMenu->addMenu(QStringLiteral("Delete saved request"));
    remove->setObjectName(QStringLiteral("deleteSavedMenu"));
    remove->setEnabled(!saved.isEmpty());
    for (const ApiTemplate &t : saved) {
        const QString name = t.name;
        connect(remove->addAction(name), &QAction::triggered, this, [this, name] {
            if (m_store->remove(name))
                emit noticePosted(QStringLiteral("Deleted the saved request \"%1\"").arg(name));
        });
    }
}

void ApiComposerWidget::buildEndpointMenu()
{
    m_endpointSearch =
        named(new QLineEdit, QStringLiteral("endpointSearch"), QStringLiteral("Search endpoints"));
    m_endpointSearch->setPlaceholderText(QStringLiteral("Search endpoints…"));
    m_endpointSearch->setClearButtonEnabled(true);
    auto *search = new QWidgetAction(m_endpointsMenu);
    search->setDefaultWidget(m_endpointSearch);
    m_endpointsMenu->addAction(search);
    connect(m_endpointSearch, &QLineEdit::textChanged, this,
            &ApiComposerWidget::filterEndpointMenu);
    // Enter picks the first endpoint still shown.
    connect(m_endpointSearch, &QLineEdit::returnPressed, this, [this] {
        const QList<const ApiEndpoint *> hits =
            ApiEndpointCatalogue::search(m_endpointSearch->text());
        if (!hits.isEmpty()) {
            m_endpointsMenu->close();
            chooseEndpoint(hits.first()->path);
        }
    });
    connect(m_endpointsMenu, &QMenu::aboutToShow, this, [this] {
        m_endpointSearch->clear();
        m_endpointSearch->setFocus();
    });
    ApiArea area = ApiArea::Chains;
    bool first = true;
    for (const ApiEndpoint &e : ApiEndpointCatalogue::endpoints()) {
        if (first || e.area != area) {
            m_endpointsMenu->addSection(apiAreaName(e.area));
            area = e.area;
            first = false;
        }
        QAction *action = m_endpointsMenu->addAction(
            QStringLiteral("%1 — %2 %3")
                .arg(e.description, e.method, e.path.section(QLatin1Char('/'), 4)));
        action->setData(e.path);
        action->setToolTip(e.path);
        const QString path = e.path;
        connect(action, &QAction::triggered, this, [this, path] { chooseEndpoint(path); });
    }
}

void ApiComposerWidget::filterEndpointMenu(const QString &text)
{
    const QList<const ApiEndpoint *> hits = ApiEndpointCatalogue::search(text);
    for (QAction *action : m_endpointsMenu->actions()) {
        const QString path = action->data().toString();
        if (path.isEmpty())
            continue; // the search line and the area sections stay
        action->setVisible(std::any_of(hits.cbegin(), hits.cend(),
                                       [&path](const ApiEndpoint *e) { return e->path == path; }));
    }
}

void ApiComposerWidget::chooseEndpoint(const QString &path)
{
    const ApiEndpoint *e = ApiEndpointCatalogue::find(path);
    if (!e)
        return;
    ApiTemplate t;
    t.method = e->method;
    t.path = e->path;
    t.bodyText = prettyJsonText(e->exampleBody);
    if (t.bodyText == QLatin1String("{}"))
        t.bodyText.clear();
    loadTemplate(t);
}

void ApiComposerWidget::updateEndpointInfo()
{
    const QString path = m_path->text().trimmed();
    const ApiEndpoint *e = ApiEndpointCatalogue::find(path);
    if (!e) {
        m_endpointInfo->setVisible(false);
        m_cost->setText(QStringLiteral("Cost: not documented · ") + m_sessionCost.text());
        return;
    }
    QString info = QStringLiteral("%1 (%2). ").arg(e->description, apiAreaName(e->area));
    if (!e->details.isEmpty())
        info += e->details + QLatin1Char(' ');
    if (e->method != m_method->currentText())
        info += QStringLiteral("Documented as %1. ").arg(e->method);
    info += QStringLiteral("Response: ") + e->responseShape;
    m_endpointInfo->setText(info);
    m_endpointInfo->setVisible(true);
    const JsonSyntaxCheck check = JsonSyntaxCheck::check(m_body->toPlainText());
    const ApiCost cost =
        ApiCost::of(*e, check.isValid() && !check.isEmpty() ? check.value() : QJsonValue());
    m_cost->setText(QStringLiteral("Cost: %1 · %2").arg(cost.text(), m_sessionCost.text()));
}

void ApiComposerWidget::syncForm(const QString &path, bool parsed, const QJsonValue &body,
                                 const QString &problem)
{
    const ApiEndpoint *endpoint = ApiEndpointCatalogue::find(path);
    if (endpoint != m_form->endpoint())
        m_form->setEndpoint(endpoint);
    // The form's own edit is already in it: reading it back would move the cursor of the field
    // being typed in.
    if (m_applyingFormEdit || !endpoint)
        return;
    if (!parsed)
        m_form->setUnparsable(problem);
    else
        m_form->read(path, body);
}

void ApiComposerWidget::applyFormEdit(const QString &path, const QString &bodyText)
{
    m_applyingFormEdit = true;
    if (path != m_path->text().trimmed())
        m_path->setText(path);
    if (bodyText != m_body->toPlainText()) {
        // Replaced through a cursor so the form's edit is one undo step in the body editor.
        QTextCursor cursor(m_body->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(bodyText);
    }
    m_applyingFormEdit = false;
}

void ApiComposerWidget::addToSessionCost(const ApiRequest &request)
{
    m_sessionCost.add(ApiCost::of(request.path, request.body));
    updateEndpointInfo();
}

void ApiComposerWidget::copySnippet(int language)
{
    const auto lang = CodeSnippet::Language(language);
    const QUrl url = m_client ? m_client->apiUrl() : QUrl();
    QApplication::clipboard()->setText(CodeSnippet::snippet(lang, currentRequest(), url));
    emit noticePosted(QStringLiteral("Copied the %1 snippet (the key is left as %2)")
                          .arg(CodeSnippet::languageName(lang), CodeSnippet::keyPlaceholder()));
}

void ApiComposerWidget::applyColours()
{
    m_bodyHighlighter->setPalette(palette());
    QPalette errorPalette = m_bodyError->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::color(Theme::Role::Failure, palette()));
    m_bodyError->setPalette(errorPalette);
}

void ApiComposerWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColours();
    QWidget::changeEvent(event);
}

} // namespace allium
