// A guided sequence of quick picks and input boxes with a step counter and a Back button,
// in the manner of VS Code's own multi-step input sample. A step is a function that asks one
// question and returns the next step; Back re-runs the previous step, Escape ends the walk.
import * as vscode from 'vscode';

/** Asks one question, then names the step that follows (or none when the walk is done). */
export type InputStep = (input: MultiStepInput) => Promise<InputStep | void>;

/** Thrown inside a step when the user presses Back; the walk re-runs the step before. */
class GoBack extends Error {}
/** Thrown when the user dismisses the input; the walk ends without a result. */
class Cancelled extends Error {}

interface Common {
  readonly title: string;
  /** Which question this is, and how many there are (VS Code shows "step/total"). */
  readonly step: number;
  readonly totalSteps: number;
}

export interface QuickPickStep<T extends vscode.QuickPickItem> extends Common {
  readonly items: readonly T[];
  readonly placeholder: string;
}

export interface InputBoxStep extends Common {
  readonly prompt: string;
  readonly value?: string;
  readonly validate?: (value: string) => string | undefined;
}

export class MultiStepInput {
  private readonly steps: InputStep[] = [];

  /** Runs the walk from `start`; resolves true when every step completed, false on Escape. */
  static async run(start: InputStep): Promise<boolean> {
    return new MultiStepInput().walk(start);
  }

  private async walk(start: InputStep): Promise<boolean> {
    let step: InputStep | void = start;
    while (step) {
      this.steps.push(step);
      try {
        step = await step(this);
      } catch (e) {
        if (e instanceof Cancelled) return false;
        if (!(e instanceof GoBack)) throw e;
        const asked = this.steps.pop();
        step = this.steps.pop() ?? asked; // the one before runs again (the first stays)
      }
    }
    return true;
  }

  showQuickPick<T extends vscode.QuickPickItem>(p: QuickPickStep<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    this.dress(pick, p);
    pick.placeholder = p.placeholder;
    pick.items = p.items;
    return this.ask(pick, (resolve) =>
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0];
        if (chosen) resolve(chosen);
      }),
    );
  }

  showInputBox(p: InputBoxStep): Promise<string> {
    const box = vscode.window.createInputBox();
    this.dress(box, p);
    box.prompt = p.prompt;
    box.value = p.value ?? '';
    const check = (): string | undefined => p.validate?.(box.value);
    return this.ask(box, (resolve) => [
      box.onDidChangeValue(() => (box.validationMessage = check())),
      box.onDidAccept(() => {
        const problem = check();
        box.validationMessage = problem;
        if (problem === undefined) resolve(box.value);
      }),
    ]);
  }

  private dress(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox, p: Common): void {
    input.title = p.title;
    input.step = p.step;
    input.totalSteps = p.totalSteps;
    input.ignoreFocusOut = true;
    input.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  /** Shows `input` until it is answered, backed out of, or dismissed; always disposes it. */
  private ask<R>(
    input: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
    answer: (resolve: (r: R) => void) => vscode.Disposable | vscode.Disposable[],
  ): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      const settle = (f: () => void): void => {
        if (settled) return;
        settled = true;
        f();
        input.dispose();
      };
      const listeners = [
        answer((r) => settle(() => resolve(r))),
        input.onDidTriggerButton((b) => {
          if (b === vscode.QuickInputButtons.Back) settle(() => reject(new GoBack()));
        }),
        input.onDidHide(() => settle(() => reject(new Cancelled()))),
      ].flat();
      input.onDidHide(() => listeners.forEach((l) => l.dispose()));
      input.show();
    });
  }
}
