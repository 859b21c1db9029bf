#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace allium {

class JsonHighlighter;
class JsonTreeModel;

/// One request and its response side by side with the console history: a summary line, the
/// response as a JSON tree and as indented text, the request frame, and copy buttons.
class ApiExchangeView : public QWidget
{
    Q_OBJECT
public:
    explicit ApiExchangeView(QWidget *parent = nullptr);

    /// Shows a request frame and a response frame (either may be empty) under `summary`.
    void showExchange(const QByteArray &requestJson, const QByteArray &responseJson,
                      const QString &summary, const QString &problem);
    void clear();

    QString requestText() const;
    QString responseText() const;
    JsonTreeModel *responseTree() const { return m_treeModel; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void copy(const QString &text);
    void applyProblemColour();

    QLabel *m_summary;
    QLabel *m_problem;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    JsonTreeModel *m_treeModel;
    QPlainTextEdit *m_responseText;
    QPlainTextEdit *m_requestText;
    JsonHighlighter *m_responseHighlighter;
    JsonHighlighter *m_requestHighlighter;
    QPushButton *m_copyResponse;
    QPushButton *m_copyRequest;
};

} // namespace allium
