import { z } from 'zod';
import { tensor } from '../engine';
import { ExplainRun } from './explain-run';
import { defineExplainer } from './explainer';
import { gradientAtInput } from './gradient';

/** Input × Gradient (Captum `InputXGradient`): x ⊙ ∂f_target/∂x. */
export const inputXGradient = defineExplainer({
  name: 'input-x-gradient',
  title: 'Input × Gradient',
  needsGradients: true,
  params: z.object({}),
  async explain(request) {
    const run = new ExplainRun(request, 'gradient');
    const { gradient, targets } = await gradientAtInput(request, 'input-x-gradient', run);
    const x = request.x.data as Float32Array;
    return {
      saliency: tensor(
        'float32',
        request.x.shape,
        gradient.map((g, i) => g * (x[i] ?? 0)),
      ),
      scale: 'signed',
      info: run.info('input-x-gradient', targets),
    };
  },
});
