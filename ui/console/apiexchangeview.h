// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace allium {

class ApiItemsTableView;
class PlainLabel;

class JsonHighlighter;
class JsonTreeModel;

/// One request and its response side by side with the console history: a summary line, the
/// response as a JSON tree and as indented text, the request frame, and copy buttons. A large
/// response shows its first PreviewBytes until the user asks for all of it.
class ApiExchangeView : public QWidget
{
    Q_OBJECT
public:
    /// Responses longer than this show their first this-many bytes until "Show all".
    static constexpr qsizetype PreviewBytes = 256 * 1024;
    /// Without a parsed tree from the caller, responses up to this size are parsed for the tree.
    static constexpr qsizetype MaxTreeParseBytes = 1024 * 1024;

    explicit ApiExchangeView(QWidget *parent = nullptr);

    /// Shows a request frame and a response frame (either may be empty) under `summary`.
    /// `responseTree` is the response as the client parsed it, for the tree (undefined: parse
    /// `responseJson` if it is small); `responseSize` the size of the frame as received when the
    /// history kept only a prefix of it (-1: `responseJson` is all of it).
    void showExchange(const QByteArray &requestJson, const QByteArray &responseJson,
                      const QString &summary, const QString &problem,
                      const QJsonValue &responseTree = QJsonValue(QJsonValue::Undefined),
                      qint64 responseSize = -1);
    /// Shows a cursor walk: its first request under `summary`, and one table of the rows of all
    /// its `pages` (each page's response "data", in order; `frames` the pages' frames as
    /// received, for the columns' order). `pagesKey` names the pages as they stand (ids,
    /// states): the table is rebuilt only when it changes.
    void showWalk(const QByteArray &requestJson, const QString &summary, const QString &problem,
                  const QList<QJsonValue> &pages, const QList<QByteArray> &frames,
                  const QString &pagesKey);
    /// Brings the "Table" tab to the front.
    void showTableTab();
    void clear();
    /// Shows all of a response that was cut to PreviewBytes.
    void showAll();
    /// True while the response pane shows only the beginning of the response.
    bool isResponseTruncated() const { return m_responseTruncated; }

    QString requestText() const;
    /// The response pane's text (only the beginning while isResponseTruncated()).
    QString responseText() const;
    /// All of the response, indented (what "Copy response" copies).
    QString fullResponseText() const;
    JsonTreeModel *responseTree() const { return m_treeModel; }
    /// The response's rows as a table (the "Table" tab).
    ApiItemsTableView *itemsTable() const { return m_items; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void copy(const QString &text);
    void applyProblemColour();
    void showResponseText(bool all);
    static void setText(QPlainTextEdit *edit, JsonHighlighter *highlighter, const QString &text);

    PlainLabel *m_summary;
    PlainLabel *m_problem;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    JsonTreeModel *m_treeModel;
    ApiItemsTableView *m_items;
    QPlainTextEdit *m_responseText;
    QWidget *m_truncationBar;
    PlainLabel *m_truncationLabel;
    QPushButton *m_showAll;
    QPlainTextEdit *m_requestText;
    JsonHighlighter *m_responseHighlighter;
    JsonHighlighter *m_requestHighlighter;
    QPushButton *m_copyResponse;
    QPushButton *m_copyRequest;
    QByteArray m_response; ///< the frame shown (shared with the history, not copied)
    qint64 m_responseSize = 0;
    bool m_responseTruncated = false;
    QString m_walkKey; ///< the walk the table shows, empty when it shows one response
};

} // namespace allium
