# Runs the model's code like a notebook cell: statements run in the session's namespace, and the
# value of a final expression is printed. Returns None on success, or the traceback as text, with
# the runner's own frame left out so the model sees only its code.
import ast as _ast
import sys as _sys
import traceback as _traceback


class _Runner:
    @staticmethod
    def new_namespace():
        return {'__name__': '__main__', '__builtins__': __builtins__}

    @staticmethod
    def run(code, ns):
        try:
            try:
                tree = _ast.parse(code, '<run_code>', 'exec')
            except SyntaxError as e:
                return ''.join(_traceback.format_exception_only(type(e), e))
            last = None
            if tree.body and isinstance(tree.body[-1], _ast.Expr):
                last = _ast.Expression(tree.body.pop().value)
            exec(compile(tree, '<run_code>', 'exec'), ns)
            if last is not None:
                value = eval(compile(last, '<run_code>', 'eval'), ns)
                if value is not None:
                    print(repr(value))
            return None
        except BaseException as e:
            tb = e.__traceback__.tb_next if e.__traceback__ is not None else None
            return ''.join(_traceback.format_exception(type(e), e, tb))
        finally:
            _sys.stdout.flush()
            _sys.stderr.flush()


_Runner
