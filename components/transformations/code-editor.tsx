"use client";
import { javascript } from "@codemirror/lang-javascript";
import { basicSetup, EditorView } from "codemirror";
import { useEffect, useRef } from "react";

/** Colours from the portal's theme, so the editor follows light and dark mode. */
const portalTheme = EditorView.theme({
  "&": { backgroundColor: "var(--background)", color: "var(--foreground)", fontSize: "13px", minHeight: "18rem" },
  "&.cm-focused": { outline: "2px solid var(--ring)", outlineOffset: "-1px" },
  ".cm-content": { fontFamily: "var(--font-geist-mono), ui-monospace, monospace", caretColor: "var(--foreground)" },
  ".cm-gutters": { backgroundColor: "var(--muted)", color: "var(--muted-foreground)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in oklab, var(--muted) 60%, transparent)" },
  ".cm-scroller": { minHeight: "18rem" },
});

/**
 * CodeMirror 6 for JavaScript: loaded only where it is used (next/dynamic), the page's state
 * holding the text. `errorLine` selects that line and scrolls to it when it changes.
 */
export function CodeEditor({
  value,
  onChange,
  errorLine,
  label,
}: {
  value: string;
  onChange: (code: string) => void;
  errorLine: number | null;
  label: string;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const editor = new EditorView({
      doc: value,
      parent: parent.current!,
      extensions: [
        basicSetup,
        javascript(),
        portalTheme,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current(update.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor owns the text once created; a new value from outside comes through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value)
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || errorLine === null || errorLine < 1 || errorLine > editor.state.doc.lines) return;
    const line = editor.state.doc.line(errorLine);
    editor.dispatch({ selection: { anchor: line.from, head: line.to }, scrollIntoView: true });
  }, [errorLine]);

  return <div ref={parent} className="overflow-hidden rounded-md border border-input" data-testid="code-editor" />;
}
