#include "apiexchangeview.h"

#include "apihistoryproxymodel.h"
#include "jsontreemodel.h"
#include "json/jsonhighlighter.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace allium {

namespace {

/// Above this, the response text is shown as received rather than re-indented: indenting a
/// multi-megabyte frame would stall the GUI for little benefit.
constexpr int MaxIndentBytes = 4 * 1024 * 1024;

QString indented(const QByteArray &json)
{
    if (json.isEmpty())
        return {};
    if (json.size() <= MaxIndentBytes) {
        const QJsonDocument document = QJsonDocument::fromJson(json);
        if (!document.isNull())
            return QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    }
    return QString::fromUtf8(json); // not JSON (a malformed frame): show what came
}

QPlainTextEdit *makeTextPane(const QString &objectName, const QString &accessibleName)
{
    auto *edit = new QPlainTextEdit;
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

} // namespace

ApiExchangeView::ApiExchangeView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel)
    , m_problem(new QLabel)
    , m_tabs(new QTabWidget)
    , m_tree(new QTreeView)
    , m_treeModel(new JsonTreeModel(this))
    , m_responseText(makeTextPane(QStringLiteral("responseText"), QStringLiteral("Response JSON")))
    , m_requestText(makeTextPane(QStringLiteral("requestText"), QStringLiteral("Request JSON")))
    , m_responseHighlighter(new JsonHighlighter(m_responseText->document(), palette()))
    , m_requestHighlighter(new JsonHighlighter(m_requestText->document(), palette()))
    , m_copyResponse(new QPushButton(QStringLiteral("Copy response")))
    , m_copyRequest(new QPushButton(QStringLiteral("Copy request")))
{
    m_summary->setObjectName(QStringLiteral("exchangeSummary"));
    m_summary->setAccessibleName(QStringLiteral("Selected request"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("exchangeProblem"));
    m_problem->setAccessibleName(QStringLiteral("Why the request did not succeed"));
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setWordWrap(true);
    m_problem->hide();

    m_tree->setObjectName(QStringLiteral("responseTree"));
    m_tree->setAccessibleName(QStringLiteral("Response tree"));
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->resizeSection(JsonTreeModel::KeyColumn, 160);
    m_tree->header()->resizeSection(JsonTreeModel::TypeColumn, 70);

    m_tabs->setObjectName(QStringLiteral("exchangeTabs"));
    m_tabs->setAccessibleName(QStringLiteral("Request and response"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_tree, QStringLiteral("Response"));
    m_tabs->addTab(m_responseText, QStringLiteral("Response JSON"));
    m_tabs->addTab(m_requestText, QStringLiteral("Request"));

    m_copyResponse->setObjectName(QStringLiteral("copyResponseButton"));
    m_copyResponse->setAccessibleName(QStringLiteral("Copy response"));
    m_copyResponse->setToolTip(QStringLiteral("Copy the response JSON to the clipboard"));
    m_copyRequest->setObjectName(QStringLiteral("copyRequestButton"));
    m_copyRequest->setAccessibleName(QStringLiteral("Copy request"));
    m_copyRequest->setToolTip(QStringLiteral("Copy the request frame to the clipboard"));
    connect(m_copyResponse, &QPushButton::clicked, this, [this] { copy(responseText()); });
    connect(m_copyRequest, &QPushButton::clicked, this, [this] { copy(requestText()); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_copyRequest);
    buttons->addWidget(m_copyResponse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_problem);
    layout->addWidget(m_tabs, 1);
    applyProblemColour();
    clear();
}

void ApiExchangeView::showExchange(const QByteArray &requestJson, const QByteArray &responseJson,
                                   const QString &summary, const QString &problem)
{
    m_summary->setText(summary);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    const QString response = indented(responseJson);
    if (m_responseText->toPlainText() != response) {
        m_responseText->setPlainText(response);
        if (responseJson.isEmpty() || !m_treeModel->setJsonText(responseJson))
            m_treeModel->clear();
        m_tree->expandToDepth(0);
    }
    const QString request = indented(requestJson);
    if (m_requestText->toPlainText() != request)
        m_requestText->setPlainText(request);
    m_copyResponse->setEnabled(!response.isEmpty());
    m_copyRequest->setEnabled(!request.isEmpty());
}

void ApiExchangeView::clear()
{
    showExchange({}, {}, QStringLiteral("Select a request in the history to see its response."),
                 {});
}

QString ApiExchangeView::requestText() const
{
    return m_requestText->toPlainText();
}

QString ApiExchangeView::responseText() const
{
    return m_responseText->toPlainText();
}

void ApiExchangeView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_responseHighlighter->setPalette(palette());
        m_requestHighlighter->setPalette(palette());
        applyProblemColour();
    }
    QWidget::changeEvent(event);
}

void ApiExchangeView::applyProblemColour()
{
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, ApiHistoryProxyModel::toneColor(
                                                      ApiHistoryModel::Tone::Failure, palette()));
    m_problem->setPalette(problemPalette);
}

void ApiExchangeView::copy(const QString &text)
{
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

} // namespace allium
