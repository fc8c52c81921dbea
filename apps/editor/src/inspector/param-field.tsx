import { useEffect, useId, useRef, useState } from 'react';
import type { ParamSpec, ParamValue } from '../model.js';
import { sameValue } from '../store/document-ops.js';
import { commitParamText, formatParamInput, parseParamInput } from './param-input.js';

interface ParamFieldProps {
  spec: ParamSpec;
  value: ParamValue | undefined;
  /** Called with the field's value when an edit ends (blur, Enter, a click) and its text is valid. */
  onChange(value: ParamValue): void;
  /** The field lost focus: the edit gesture is over. */
  onCommit?(): void;
  /** An error the analysis reports for this parameter. */
  error?: string;
  idPrefix?: string;
}

/** One labelled parameter control, chosen by the spec's kind, with its doc line and errors. */
export function ParamField({
  spec,
  value,
  onChange,
  onCommit,
  error,
  idPrefix = 'param',
}: ParamFieldProps) {
  const id = `${idPrefix}-${useId()}-${spec.name}`;
  const [text, setText] = useState(formatParamInput(value ?? spec.default));
  const [inputError, setInputError] = useState<string | null>(null);

  // Follow outside changes (undo, another node), but not the echo of what the user is typing:
  // "0." already means 0, and rewriting it to "0" would make decimals impossible to type.
  const textRef = useRef(text);
  textRef.current = text;
  useEffect(() => {
    const typed = parseParamInput(spec, textRef.current);
    if (typed.ok && sameValue(typed.value, value ?? spec.default)) return;
    setText(formatParamInput(value ?? spec.default));
    setInputError(null);
  }, [value, spec]);

  // Saves the whole text as one undo step; invalid text stays, with its error, to be fixed.
  const finishEdit = () => {
    const result = commitParamText(spec, text, value ?? spec.default, sameValue);
    if (result.kind === 'invalid') {
      setInputError(result.error);
      return;
    }
    setInputError(null);
    if (result.kind === 'commit') onChange(result.value);
    onCommit?.();
  };

  const shownError = inputError ?? error ?? null;
  const describedBy = `${id}-doc${shownError ? ` ${id}-error` : ''}`;
  const range =
    spec.min !== undefined || spec.max !== undefined
      ? ` (${spec.min ?? '…'} – ${spec.max ?? '…'})`
      : '';

  let control;
  if (spec.kind === 'bool') {
    control = (
      <input
        id={id}
        type="checkbox"
        checked={value === true || (value === undefined && spec.default === true)}
        aria-describedby={describedBy}
        onChange={(e) => {
          onChange(e.target.checked);
          onCommit?.();
        }}
      />
    );
  } else if (spec.kind === 'enum') {
    control = (
      <select
        id={id}
        value={String(value ?? spec.default)}
        aria-describedby={describedBy}
        onChange={(e) => {
          onChange(e.target.value);
          onCommit?.();
        }}
      >
        {spec.options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        type="text"
        inputMode={spec.kind === 'int' || spec.kind === 'float' ? 'decimal' : 'text'}
        value={text}
        placeholder={spec.nullable ? 'unset' : undefined}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={describedBy}
        spellCheck={false}
        onChange={(e) => {
          // Nothing is saved while typing: "1" on the way to "1.5" is not the user's value.
          setText(e.target.value);
          const parsed = parseParamInput(spec, e.target.value);
          setInputError(parsed.ok ? null : parsed.error);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') finishEdit();
          if (e.key === 'Escape') {
            setText(formatParamInput(value ?? spec.default));
            setInputError(null);
          }
        }}
        onBlur={finishEdit}
      />
    );
  }

  return (
    <div
      className={`field field-${spec.kind}${shownError ? ' has-error' : ''}`}
      data-param={spec.name}
    >
      <label htmlFor={id}>
        {spec.title}
        <span className="field-range">{range}</span>
      </label>
      {control}
      <p className="field-doc" id={`${id}-doc`}>
        {spec.doc}
      </p>
      {shownError && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {shownError}
        </p>
      )}
    </div>
  );
}
