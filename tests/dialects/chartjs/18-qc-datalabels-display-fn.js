{
  type: 'line',
  data: {
    labels: ['January', 'February', 'March', 'April', 'May', 'June', 'July'],
    datasets: [
      {
        data: [50, 20, 15, 35, 25, 60, 45],
        label: 'Sales',
      },
    ],
  },
  options: {
    layout: {
      padding: {
        right: 40,
      },
    },
    plugins: {
      datalabels: {
        display: true,
        align: 'top',
        color: '#000',
        backgroundColor: '#ccc',
        borderRadius: 4,
        offset: 10,
        display: (context) => {
          const index = context.dataIndex;
          const value = context.dataset.data[index];
          const min = Math.min.apply(null, context.dataset.data);
          const max = Math.max.apply(null, context.dataset.data);
          return (
            index == 0 ||
            index == context.dataset.data.length - 1 ||
            value == min ||
            value == max
          );
        },
        formatter: (value, context) => {
          const index = context.dataIndex;
          if (index == 0) {
            return `First: ${value}`;
          }
          if (index == context.dataset.data.length - 1) {
            return `Last: ${value}`;
          }

          const min = Math.min.apply(null, context.dataset.data);
          if (value == min) {
            return `Min: ${value}`;
          }

          const max = Math.max.apply(null, context.dataset.data);
          if (value == max) {
            return `Max: ${value}`;
          }
        },
      },
    },
  },
}
